package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one endpoint: the real server's SQS through the AWS SDK's SqsClient (JSON 1.0) and through
 * signed query-protocol form POSTs (what older SDKs send), both on the port Lambda and CloudWatch Logs
 * answer on; unknown targets and actions get their protocol's errors.
 */
class SqsEndpointIT extends ServerPerClass {
    static SqsClient sqs;
    static RawHttp http;

    @BeforeAll
    static void clients() {
        sqs = server.sqs();
        http = new RawHttp(server.endpoint());
    }

    @AfterAll
    static void closeClients() {
        sqs.close();
    }

    /** A query-protocol request, signed for sqs, POSTed to {@code path}. */
    static HttpResponse<String> query(String path, Map<String, String> params) throws Exception {
        String form = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        return http.send(http.request("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                body, RawHttp.Signing.root().withScope(TestServer.REGION, "sqs"),
                HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static HttpResponse<String> json(String target, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.send(http.request("POST", "/", Map.of("X-Amz-Target", target,
                        "Content-Type", "application/x-amz-json-1.0"), bytes,
                RawHttp.Signing.root().withScope(TestServer.REGION, "sqs"), HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> params(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    static String xpath(HttpResponse<String> response, String path) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        return (String) XPathFactory.newInstance().newXPath().evaluate(path, doc, XPathConstants.STRING);
    }

    @Test
    void theSdksJsonProtocolSendsReceivesAndDeletesWithAttributes() {
        String url = sqs.createQueue(b -> b.queueName("json-core")).queueUrl();
        assertThat(url).isEqualTo(server.endpoint() + "/" + TestServer.ACCOUNT + "/json-core");
        assertThat(sqs.getQueueUrl(b -> b.queueName("json-core")).queueUrl()).isEqualTo(url);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello & <world>").messageAttributes(Map.of(
                "color", MessageAttributeValue.builder().dataType("String").stringValue("blue").build(),
                "raw", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(
                        new byte[]{0, 1, 2})).build())));
        SendMessageBatchResponse batch = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("one").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("two").build()));
        assertThat(batch.successful()).hasSize(2);
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
        assertThat(received).extracting(Message::body).containsExactlyInAnyOrder("hello & <world>", "one", "two");
        Message first = received.stream().filter(m -> m.body().startsWith("hello")).findFirst().orElseThrow();
        assertThat(first.messageAttributes().get("color").stringValue()).isEqualTo("blue");
        assertThat(first.messageAttributes().get("raw").binaryValue().asByteArray()).containsExactly(0, 1, 2);
        assertThat(first.attributesAsStrings()).containsEntry("SenderId", TestServer.ACCOUNT);
        received.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:" + TestServer.REGION + ":"
                        + TestServer.ACCOUNT + ":json-core");
    }

    @Test
    void theSdkSeesSqsErrorsAsTheirExceptionsWithTheQueryCode() throws Exception {
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("no-such-queue")))
                .isInstanceOfSatisfying(QueueDoesNotExistException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
                });
        HttpResponse<String> raw = json("AmazonSQS.GetQueueUrl", "{\"QueueName\":\"no-such-queue\"}");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.headers().firstValue("x-amzn-query-error")).contains("AWS.SimpleQueueService.NonExistentQueue;Sender");
        assertThat(raw.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        assertThat(RawHttp.json(raw).path("__type").asText()).isEqualTo("com.amazonaws.sqs#QueueDoesNotExist");
        assertThat(RawHttp.json(raw).path("message").asText()).isEqualTo("The specified queue does not exist.");
    }

    @Test
    void theQueryProtocolServesTheSameQueuesInXml() throws Exception {
        HttpResponse<String> created = query("/", params("Action", "CreateQueue", "Version", "2012-11-05",
                "QueueName", "query-core", "Attribute.1.Name", "VisibilityTimeout", "Attribute.1.Value", "45",
                "Tag.1.Key", "team", "Tag.1.Value", "blue"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).contains("text/xml");
        String url = xpath(created, "/CreateQueueResponse/CreateQueueResult/QueueUrl");
        assertThat(url).isEqualTo(server.endpoint() + "/" + TestServer.ACCOUNT + "/query-core");
        assertThat(xpath(created, "/CreateQueueResponse/ResponseMetadata/RequestId"))
                .isEqualTo(created.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributes()).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45");
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).containsEntry("team", "blue");

        HttpResponse<String> sent = query("/", params("Action", "SendMessage", "QueueUrl", url, "MessageBody", "a+b\r\n",
                "MessageAttribute.1.Name", "n", "MessageAttribute.1.Value.DataType", "Number",
                "MessageAttribute.1.Value.StringValue", "7"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(xpath(sent, "/SendMessageResponse/SendMessageResult/MessageId")).isNotEmpty();
        // Posted to the queue's own URL, without QueueUrl: the path names the queue.
        HttpResponse<String> received = query("/" + TestServer.ACCOUNT + "/query-core", params("Action", "ReceiveMessage",
                "MessageAttributeName.1", "All", "AttributeName.1", "All", "MaxNumberOfMessages", "10"));
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        String message = "/ReceiveMessageResponse/ReceiveMessageResult/Message";
        assertThat(xpath(received, message + "/Body")).isEqualTo("a+b\r\n");
        assertThat(xpath(received, message + "/MessageAttribute[Name='n']/Value/StringValue")).isEqualTo("7");
        assertThat(xpath(received, message + "/Attribute[Name='SenderId']/Value")).isEqualTo(TestServer.ACCOUNT);
        HttpResponse<String> deleted = query("/", params("Action", "DeleteMessage", "QueueUrl", url,
                "ReceiptHandle", xpath(received, message + "/ReceiptHandle")));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(xpath(deleted, "/DeleteMessageResponse/ResponseMetadata/RequestId")).isNotEmpty();
        HttpResponse<String> listed = query("/", params("Action", "ListQueues", "QueueNamePrefix", "query-"));
        assertThat(xpath(listed, "/ListQueuesResponse/ListQueuesResult/QueueUrl")).isEqualTo(url);
    }

    @Test
    void queryErrorsAreSqsErrorResponses() throws Exception {
        HttpResponse<String> missing = query("/", params("Action", "GetQueueUrl", "QueueName", "no-such-queue"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(xpath(missing, "/ErrorResponse/Error/Type")).isEqualTo("Sender");
        assertThat(xpath(missing, "/ErrorResponse/Error/Code")).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        // AWS's query wording, which differs from its JSON wording ("The specified queue does not exist.")
        assertThat(xpath(missing, "/ErrorResponse/Error/Message")).isEqualTo(
                "The specified queue does not exist for this wsdl version.");
        assertThat(xpath(missing, "/ErrorResponse/RequestId")).isNotEmpty();
        HttpResponse<String> unknown = query("/", params("Action", "LaunchRockets"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(xpath(unknown, "/ErrorResponse/Error/Code")).isEqualTo("InvalidAction");
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues")).build());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(xpath(unsigned, "/ErrorResponse/Error/Code")).isEqualTo("MissingAuthenticationToken");
    }

    @Test
    void unknownTargetsAreUnknownOperationsNeverServerErrors() throws Exception {
        HttpResponse<String> op = json("AmazonSQS.LaunchRockets", "{}");
        assertThat(op.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(op).path("__type").asText()).endsWith("UnknownOperationException");
        HttpResponse<String> service = json("NoSuchService_20200101.Anything", "{}");
        assertThat(service.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(service).path("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void usersAreAuthorizedForSqsActionsOnQueueArnsInBothProtocolsAndSendAsThemselves() throws Exception {
        String open = sqs.createQueue(b -> b.queueName("iam-open")).queueUrl();
        String closed = sqs.createQueue(b -> b.queueName("iam-closed")).queueUrl();
        String[] keys = new Admin(server).user("sqs-sender", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage","sqs:GetQueueUrl"],
                 "Resource":"arn:aws:sqs:%s:%s:iam-open"}]}""".formatted(TestServer.REGION, TestServer.ACCOUNT));
        String userId = new Admin(server).ok("list-users").json().findValues("Users").getFirst().findValues("UserId")
                .stream().map(n -> n.asText()).filter(id -> id.startsWith("AIDA")).findFirst().orElseThrow();
        try (SqsClient user = SqsClient.builder().endpointOverride(server.endpoint())
                .region(software.amazon.awssdk.regions.Region.of(TestServer.REGION))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(keys[0], keys[1])))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build()) {
            user.sendMessage(b -> b.queueUrl(open).messageBody("from a user"));
            assertThatThrownBy(() -> user.sendMessage(b -> b.queueUrl(closed).messageBody("no")))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.sqs.model.SqsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
            assertThatThrownBy(() -> user.receiveMessage(b -> b.queueUrl(open)))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.sqs.model.SqsException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        String form = "Action=SendMessage&MessageBody=no&QueueUrl=" + enc(closed);
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> denied = http.send(http.request("POST", "/", Map.of("Content-Type",
                        "application/x-www-form-urlencoded"), body, RawHttp.Signing.root().withKeys(keys[0], keys[1])
                        .withScope(TestServer.REGION, "sqs"), HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(xpath(denied, "/ErrorResponse/Error/Code")).isEqualTo("AccessDenied");
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(open).messageSystemAttributeNamesWithStrings("SenderId"))
                .messages();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("from a user");
            assertThat(m.attributesAsStrings()).containsEntry("SenderId", userId);
        });
        assertThat(sqs.receiveMessage(b -> b.queueUrl(closed)).messages()).isEmpty();
    }

    @Test
    void aMessageOfSqssLargestSizeFitsTheQueryBodyAndAnOversizedBodyIsRefusedUnread() throws Exception {
        String url = sqs.createQueue(b -> b.queueName("large")).queueUrl();
        String largest = "é".repeat(1 << 19); // 1 MiB in UTF-8, 3 MiB percent-encoded
        HttpResponse<String> sent = query("/", params("Action", "SendMessage", "QueueUrl", url, "MessageBody", largest));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        HttpResponse<String> tooLarge = query("/", params("Action", "SendMessage", "QueueUrl", url,
                "MessageBody", "x".repeat(5 << 20)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(xpath(tooLarge, "/ErrorResponse/Error/Code")).isEqualTo("RequestEntityTooLarge");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages())
                .extracting(Message::body).containsExactly(largest);
    }

    @Test
    void lambdaAndLogsStillRouteOnTheSamePort() {
        assertThat(lambda.listFunctions().functions()).isNotNull();
        try (var logs = server.logs()) {
            logs.createLogGroup(b -> b.logGroupName("/edge/still-here"));
            assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/edge/")).logGroups())
                    .extracting(g -> g.logGroupName()).containsExactly("/edge/still-here");
        }
    }
}
