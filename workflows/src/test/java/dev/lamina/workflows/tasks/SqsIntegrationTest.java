package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.AccountId;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.data.StatesError;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.lamina.workflows.tasks.Fakes.call;
import static dev.lamina.workflows.tasks.Fakes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsIntegrationTest {
    private static final String URL = "http://127.0.0.1:9070/000000000000/q";

    @Test
    void sendMessageAnswersSqsOutputWithSdkMetadata() throws Exception {
        var sqs = new Fakes.Sqs(c -> json("{\"MD5OfMessageBody\":\"abc\",\"MessageId\":\"m-1\"}"));
        JsonNode out = new SqsIntegration(sqs, new AccountId("000000000000")).run(call(
                "arn:aws:states:::sqs:sendMessage", "{\"QueueUrl\":\"" + URL + "\",\"MessageBody\":{\"a\":1},"
                        + "\"Unsupported\":1}"), TaskListener.NONE);

        assertThat(sqs.calls.getFirst().operation()).isEqualTo("SendMessage");
        assertThat(sqs.calls.getFirst().input()).isEqualTo(json("{\"QueueUrl\":\"" + URL + "\",\"MessageBody\":\"{\\\"a\\\":1}\"}"));
        assertThat(out.get("MD5OfMessageBody").asText()).isEqualTo("abc");
        assertThat(out.get("MessageId").asText()).isEqualTo("m-1");
        assertThat(out.at("/SdkHttpMetadata/HttpHeaders/Content-Type").asText()).isEqualTo("application/x-amz-json-1.0");
        assertThat(out.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(out.at("/SdkResponseMetadata/RequestId").asText())
                .isEqualTo(out.at("/SdkHttpMetadata/HttpHeaders/x-amzn-RequestId").asText());
    }

    @Test
    void aNullMessageBodyIsLeftOutAndSqsRefusalIsAmazonSqsException() {
        var sqs = new Fakes.Sqs(c -> {
            assertThat(c.input().has("MessageBody")).isFalse();
            throw new ServiceException("MissingParameter", Optional.empty(), 400, true,
                    "The request must contain the parameter MessageBody.");
        });
        assertThatThrownBy(() -> new SqsIntegration(sqs, new AccountId("000000000000")).run(call(
                "arn:aws:states:::sqs:sendMessage", "{\"QueueUrl\":\"" + URL + "\",\"MessageBody\":null}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("SQS.AmazonSQSException");
                    assertThat(e.cause().orElseThrow()).matches("The request must contain the parameter MessageBody\\. "
                            + "\\(Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: "
                            + "[-0-9a-f]{36}; Proxy: null\\)");
                });
    }

    @Test
    void aMissingQueueIsQueueDoesNotExistException() {
        var sqs = new Fakes.Sqs(c -> {
            throw new ServiceException("QueueDoesNotExist", Optional.of("AWS.SimpleQueueService.NonExistentQueue"),
                    400, true, "The specified queue does not exist.");
        });
        assertThatThrownBy(() -> new SqsIntegration(sqs, new AccountId("000000000000")).run(call(
                "arn:aws:states:::sqs:sendMessage", "{\"QueueUrl\":\"" + URL + "\",\"MessageBody\":\"x\"}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("SQS.QueueDoesNotExistException");
                    assertThat(e.cause().orElseThrow()).contains("Error Code: AWS.SimpleQueueService.NonExistentQueue;");
                });
    }

    @Test
    void aQueueUrlThatIsNoUrlIsSdkClientException() {
        var sqs = new Fakes.Sqs(c -> json("{}"));
        assertThatThrownBy(() -> new SqsIntegration(sqs, new AccountId("000000000000")).run(call(
                "arn:aws:states:::sqs:sendMessage", "{\"QueueUrl\":\"no-such-queue\",\"MessageBody\":\"x\"}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("SQS.SdkClientException");
                    assertThat(e.cause()).contains("Unable to execute HTTP request: no-such-queue: Name or service not known");
                });
        assertThat(sqs.calls).isEmpty();
    }
}
