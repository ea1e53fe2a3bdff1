package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without --sqs-endpoint, asynchronous invocation's destinations and dead-letter queues named by SQS
 * ARNs are Lamina's own queues of those names: the records arrive there, read with the SDK.
 */
class BuiltInDestinationsIT extends ServerPerClass {
    static SqsClient sqs;

    @BeforeAll
    static void deploy() {
        sqs = server.sqs();
        for (String name : List.of("fails", "dead-lettered", "succeeds")) {
            Functions.create(lambda, name, "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(10));
        }
    }

    @AfterAll
    static void closeSqs() {
        sqs.close();
    }

    static String queue(String name) {
        sqs.createQueue(b -> b.queueName(name));
        return SqsTesting.ARN_PREFIX + name;
    }

    static String event(String function, String payload) {
        return lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).responseMetadata().requestId();
    }

    /** Long-polls the queue until a message arrives or 60 s pass. */
    static List<Message> receive(String name) {
        String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (out.isEmpty() && System.nanoTime() < deadline) {
            out.addAll(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).messageAttributeNames("All"))
                    .messages());
        }
        return out;
    }

    static JsonNode json(String text) throws Exception {
        return Functions.JSON.readTree(text);
    }

    @Test
    void anOnFailureDestinationQueueGetsTheInvocationRecord() throws Exception {
        String destination = queue("failure-records");
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("fails").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(destination))));
        String id = event("fails", "{\"action\":\"error\",\"n\":7}");
        List<Message> records = receive("failure-records");
        assertThat(records).hasSize(1);
        JsonNode record = json(records.getFirst().body());
        assertThat(record.path("requestContext").path("requestId").asText()).isEqualTo(id);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestPayload").path("n").asInt()).isEqualTo(7);
    }

    @Test
    void anOnSuccessDestinationQueueGetsTheInvocationRecord() throws Exception {
        String destination = queue("success-records");
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("succeeds")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(destination))));
        String id = event("succeeds", "{\"action\":\"echo\",\"marker\":\"ok\"}");
        List<Message> records = receive("success-records");
        assertThat(records).hasSize(1);
        JsonNode record = json(records.getFirst().body());
        assertThat(record.path("requestContext").path("requestId").asText()).isEqualTo(id);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
    }

    @Test
    void theDeadLetterQueueGetsTheOriginalEventWithItsErrorAttributes() throws Exception {
        String dlq = queue("async-dlq");
        lambda.updateFunctionConfiguration(b -> b.functionName("dead-lettered").deadLetterConfig(d -> d.targetArn(dlq)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("dead-lettered"));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("dead-lettered").maximumRetryAttempts(0));
        String id = event("dead-lettered", "{\"action\":\"error\",\"n\":1}");
        List<Message> messages = receive("async-dlq");
        assertThat(messages).hasSize(1);
        Message m = messages.getFirst();
        assertThat(json(m.body()).path("n").asInt()).isEqualTo(1);
        assertThat(m.messageAttributes().get("RequestID").stringValue()).isEqualTo(id);
        assertThat(m.messageAttributes().get("ErrorCode").dataType()).isEqualTo("Number");
        assertThat(m.messageAttributes()).containsKey("ErrorMessage");
    }
}
