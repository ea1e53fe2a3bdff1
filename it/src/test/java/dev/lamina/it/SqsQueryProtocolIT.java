package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.lamina.it.SqsTesting.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The older query protocol, as SDKs and tools in the wild still speak it: form-encoded POSTs signed
 * for service {@code sqs} (with the AWS SDK's own signer), answered in SQS's XML.
 */
class SqsQueryProtocolIT extends ServerPerClass {
    static final String NS = "http://queue.amazonaws.com/doc/2012-11-05/";
    static SqsClient sqs;
    static RawHttp http;
    static String url;

    @BeforeAll
    static void queue() {
        sqs = server.sqs();
        http = new RawHttp(server.endpoint());
        url = sqs.createQueue(b -> b.queueName("query-queue")).queueUrl();
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    /** A signed form POST to {@code path} of {@code action} with {@code params}. */
    static HttpResponse<String> post(String path, String action, Map<String, String> params) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", "2012-11-05");
        form.putAll(params);
        byte[] body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        return http.send(http.request("POST", path,
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body,
                RawHttp.Signing.root().withScope(TestServer.REGION, "sqs"),
                HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static Document xml(HttpResponse<String> response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    }

    static String text(Document doc, String xpath) throws Exception {
        return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.STRING);
    }

    @Test
    void sendReceiveAndDeleteInXml() throws Exception {
        HttpResponse<String> sent = post("/", "SendMessage", Map.of("QueueUrl", url, "MessageBody", "über <xml> & more",
                "MessageAttribute.1.Name", "colour", "MessageAttribute.1.Value.DataType", "String",
                "MessageAttribute.1.Value.StringValue", "blue"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("xml"));
        Document s = xml(sent);
        assertThat(s.getDocumentElement().getNodeName()).isEqualTo("SendMessageResponse");
        assertThat(s.getDocumentElement().getAttribute("xmlns")).isEqualTo(NS);
        String id = text(s, "/SendMessageResponse/SendMessageResult/MessageId");
        assertThat(id).isNotBlank();
        assertThat(text(s, "/SendMessageResponse/SendMessageResult/MD5OfMessageBody")).isEqualTo(md5Hex("über <xml> & more"));
        assertThat(text(s, "/SendMessageResponse/SendMessageResult/MD5OfMessageAttributes")).isEqualTo(
                SqsTesting.md5OfAttributes(Map.of("colour", software.amazon.awssdk.services.sqs.model.MessageAttributeValue
                        .builder().dataType("String").stringValue("blue").build())));
        assertThat(text(s, "/SendMessageResponse/ResponseMetadata/RequestId")).isNotBlank();

        HttpResponse<String> received = post("/", "ReceiveMessage", Map.of("QueueUrl", url, "WaitTimeSeconds", "2",
                "AttributeName.1", "All", "MessageAttributeName.1", "All"));
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        Document r = xml(received);
        String m = "/ReceiveMessageResponse/ReceiveMessageResult/Message";
        assertThat(text(r, m + "/MessageId")).isEqualTo(id);
        assertThat(text(r, m + "/Body")).isEqualTo("über <xml> & more");
        assertThat(text(r, m + "/MD5OfBody")).isEqualTo(md5Hex("über <xml> & more"));
        assertThat(text(r, m + "/Attribute[Name='ApproximateReceiveCount']/Value")).isEqualTo("1");
        assertThat(text(r, m + "/Attribute[Name='SentTimestamp']/Value")).matches("\\d{13}");
        assertThat(text(r, m + "/MessageAttribute[Name='colour']/Value/DataType")).isEqualTo("String");
        assertThat(text(r, m + "/MessageAttribute[Name='colour']/Value/StringValue")).isEqualTo("blue");
        String handle = text(r, m + "/ReceiptHandle");
        assertThat(handle).isNotBlank();

        HttpResponse<String> deleted = post("/", "DeleteMessage", Map.of("QueueUrl", url, "ReceiptHandle", handle));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(xml(deleted).getDocumentElement().getNodeName()).isEqualTo("DeleteMessageResponse");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).as("deleted").isEmpty();
    }

    @Test
    void aRequestPostedToTheQueueUrlNeedsNoQueueUrlParameter() throws Exception {
        String path = URI.create(url).getPath();
        HttpResponse<String> sent = post(path, "SendMessage", Map.of("MessageBody", "to the queue's own URL"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        var got = SqsTesting.receive(sqs, url, 1, Duration.ofSeconds(5));
        assertThat(got).extracting(Message::body).containsExactly("to the queue's own URL");
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));
    }

    @Test
    void getQueueAttributesListsNameValuePairs() throws Exception {
        HttpResponse<String> r = post("/", "GetQueueAttributes", Map.of("QueueUrl", url,
                "AttributeName.1", "QueueArn", "AttributeName.2", "VisibilityTimeout"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document d = xml(r);
        String a = "/GetQueueAttributesResponse/GetQueueAttributesResult/Attribute";
        assertThat(text(d, a + "[Name='QueueArn']/Value")).isEqualTo(SqsTesting.ARN_PREFIX + "query-queue");
        assertThat(text(d, a + "[Name='VisibilityTimeout']/Value")).isEqualTo("30");
        assertThat(text(d, "count(" + a + ")")).isEqualTo("2");
    }

    @Test
    void anErrorIsAnErrorResponseWithTheQueryCode() throws Exception {
        HttpResponse<String> r = post("/", "GetQueueUrl", Map.of("QueueName", "no-such-queue"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        Document d = xml(r);
        assertThat(d.getDocumentElement().getNodeName()).isEqualTo("ErrorResponse");
        assertThat(text(d, "/ErrorResponse/Error/Type")).isEqualTo("Sender");
        assertThat(text(d, "/ErrorResponse/Error/Code")).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(text(d, "/ErrorResponse/Error/Message"))
                .isEqualTo("The specified queue does not exist for this wsdl version.");
        assertThat(text(d, "/ErrorResponse/RequestId")).isNotBlank();

        HttpResponse<String> invalid = post("/", "ReceiveMessage", Map.of("QueueUrl", url, "MaxNumberOfMessages", "11"));
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(text(xml(invalid), "/ErrorResponse/Error/Code")).isEqualTo("InvalidParameterValue");
    }
}
