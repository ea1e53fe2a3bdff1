package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda's asynchronous destinations that are EventBridge event buses: a function's OnSuccess and
 * OnFailure records arrive on a custom bus as AWS sends them (source {@code lambda}, detail-type
 * {@code Lambda Function Invocation Result - Success/Failure}, resources the bus and the function,
 * detail the invocation record), and a rule on that bus delivers them to an SQS queue.
 */
class EventBridgeDestinationsIT extends ServerPerClass {
    static final String BUS = "results";
    static EventBridgeClient events;
    static SqsClient sqs;
    static String busArn;

    @BeforeAll
    static void deploy() {
        events = EventBridgeTesting.events(server.endpoint());
        sqs = server.sqs();
        Functions.create(lambda, "reporter", "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(10));
        busArn = events.createEventBus(b -> b.name(BUS)).eventBusArn();
        sqs.createQueue(b -> b.queueName("results-queue"));
        String queueArn = SqsTesting.ARN_PREFIX + "results-queue";
        events.putRule(b -> b.name("lambda-results").eventBusName(BUS)
                .eventPattern("{\"source\": [\"lambda\"], \"detail-type\": [{\"prefix\": \"Lambda Function Invocation Result\"}]}"));
        events.putTargets(b -> b.rule("lambda-results").eventBusName(BUS).targets(t -> t.id("q").arn(queueArn)));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("reporter").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(busArn)).onFailure(f -> f.destination(busArn))));
    }

    @AfterAll
    static void closeClients() {
        events.close();
        sqs.close();
    }

    static String event(String payload) {
        return lambda.invoke(b -> b.functionName("reporter").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).responseMetadata().requestId();
    }

    /** The queue's events, until one about {@code requestId} arrives or 60 s pass. */
    static JsonNode received(String requestId) throws Exception {
        String url = sqs.getQueueUrl(b -> b.queueName("results-queue")).queueUrl();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Message> messages = new ArrayList<>(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)
                    .maxNumberOfMessages(10)).messages());
            for (Message m : messages) {
                JsonNode e = Functions.JSON.readTree(m.body());
                if (e.path("detail").path("requestContext").path("requestId").asText().equals(requestId)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no event about " + requestId + " arrived");
    }

    @Test
    void aSuccessfulInvocationPutsASuccessResultOnTheBus() throws Exception {
        String id = event("{\"action\":\"echo\",\"marker\":\"fine\"}");
        JsonNode e = received(id);
        String functionArn = "arn:aws:lambda:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":function:reporter:$LATEST";
        assertThat(e.path("source").asText()).isEqualTo("lambda");
        assertThat(e.path("detail-type").asText()).isEqualTo("Lambda Function Invocation Result - Success");
        assertThat(e.path("version").asText()).isEqualTo("0");
        assertThat(e.path("account").asText()).isEqualTo(TestServer.ACCOUNT);
        assertThat(e.path("region").asText()).isEqualTo(TestServer.REGION);
        assertThat(e.path("resources")).extracting(JsonNode::asText).containsExactly(busArn, functionArn);
        JsonNode record = e.path("detail");
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
        assertThat(record.path("requestContext").path("functionArn").asText()).isEqualTo(functionArn);
        assertThat(record.path("requestPayload").path("marker").asText()).isEqualTo("fine");
        assertThat(record.path("responseContext").path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void aFailedInvocationPutsAFailureResultOnTheBus() throws Exception {
        String id = event("{\"action\":\"error\",\"n\":3}");
        JsonNode e = received(id);
        assertThat(e.path("detail-type").asText()).isEqualTo("Lambda Function Invocation Result - Failure");
        JsonNode record = e.path("detail");
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.path("requestPayload").path("n").asInt()).isEqualTo(3);
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
    }
}
