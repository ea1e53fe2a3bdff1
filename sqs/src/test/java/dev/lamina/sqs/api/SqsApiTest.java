package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.ServiceException;
import dev.lamina.sqs.Sqs;
import dev.lamina.sqs.SqsSettings;
import dev.lamina.sqs.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsApiTest {
    // the helpers below are shared with SqsValidationTest, which extends this class
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ENDPOINT = "http://127.0.0.1:9070";

    @TempDir
    Path dir;
    TestClock clock = new TestClock();
    Sqs sqs;
    SqsApi api;

    @BeforeEach
    void open() {
        sqs = Sqs.open(new SqsSettings(new Region("us-east-1"), new AccountId("000000000000"), dir, URI.create(ENDPOINT)), clock);
        api = sqs.api();
    }

    @AfterEach
    void close() {
        sqs.close();
    }

    JsonNode call(String operation, String input) {
        try {
            return api.handle(new SqsCall(operation, (ObjectNode) JSON.readTree(input), ENDPOINT, "AIDAEXAMPLE"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ServiceException error(String operation, String input) {
        try {
            call(operation, input);
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError(operation + " did not fail");
    }

    String create(String name) {
        return call("CreateQueue", "{\"QueueName\":\"" + name + "\"}").get("QueueUrl").asText();
    }

    @Test
    void aQueueIsCreatedFoundListedAndDeleted() {
        String url = create("orders");
        assertThat(url).isEqualTo(ENDPOINT + "/000000000000/orders");
        assertThat(call("GetQueueUrl", "{\"QueueName\":\"orders\"}").get("QueueUrl").asText()).isEqualTo(url);
        create("other");
        assertThat(call("ListQueues", "{}").get("QueueUrls")).extracting(JsonNode::asText)
                .containsExactly(url, ENDPOINT + "/000000000000/other");
        assertThat(call("ListQueues", "{\"QueueNamePrefix\":\"ord\"}").get("QueueUrls")).hasSize(1);
        call("DeleteQueue", "{\"QueueUrl\":\"" + url + "\"}");
        ServiceException e = error("GetQueueUrl", "{\"QueueName\":\"orders\"}");
        assertThat(e.code()).isEqualTo("QueueDoesNotExist");
        assertThat(e.queryCodeOrCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(e.getMessage()).isEqualTo("The specified queue does not exist.");
    }

    @Test
    void aMessageIsSentReceivedAndDeleted() {
        String url = create("q");
        JsonNode sent = call("SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"hello\"}");
        assertThat(sent.get("MD5OfMessageBody").asText()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        JsonNode got = call("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\",\"AttributeNames\":[\"All\"]}");
        JsonNode m = got.get("Messages").get(0);
        assertThat(m.get("Body").asText()).isEqualTo("hello");
        assertThat(m.get("MessageId").asText()).isEqualTo(sent.get("MessageId").asText());
        assertThat(m.get("Attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(m.get("Attributes").get("SenderId").asText()).isEqualTo("AIDAEXAMPLE");
        assertThat(call("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\"}").has("Messages")).isFalse();
        call("DeleteMessage", "{\"QueueUrl\":\"" + url + "\",\"ReceiptHandle\":\"" + m.get("ReceiptHandle").asText() + "\"}");
        clock.advance(java.time.Duration.ofSeconds(31));
        assertThat(call("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\"}").has("Messages")).isFalse();
    }

    @Test
    void aQueueUrlIsResolvedByItsPathWhateverTheHost() {
        create("q");
        call("SendMessage", "{\"QueueUrl\":\"http://10.0.0.2:1234/000000000000/q\",\"MessageBody\":\"x\"}");
        assertThat(call("ReceiveMessage", "{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/000000000000/q\"}")
                .get("Messages")).hasSize(1);
        assertThat(error("SendMessage", "{\"QueueUrl\":\"http://h/111111111111/q\",\"MessageBody\":\"x\"}").code())
                .isEqualTo("QueueDoesNotExist");
    }

    @Test
    void messageAttributesHaveAwsMd5() {
        String url = create("q");
        // The MD5 the AWS SDKs compute for {"a": String "b"}.
        JsonNode sent = call("SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"x\","
                + "\"MessageAttributes\":{\"a\":{\"DataType\":\"String\",\"StringValue\":\"b\"}}}");
        assertThat(sent.get("MD5OfMessageAttributes").asText()).isEqualTo(expectedMd5());
        JsonNode m = call("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageAttributeNames\":[\"All\"]}").get("Messages").get(0);
        assertThat(m.get("MD5OfMessageAttributes").asText()).isEqualTo(expectedMd5());
        assertThat(m.get("MessageAttributes").get("a").get("StringValue").asText()).isEqualTo("b");
    }

    /** The digest spelled out: length-prefixed name, type, transport byte 1, length-prefixed value. */
    private static String expectedMd5() {
        try {
            byte[] bytes = {0, 0, 0, 1, 'a', 0, 0, 0, 6, 'S', 't', 'r', 'i', 'n', 'g', 1, 0, 0, 0, 1, 'b'};
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
