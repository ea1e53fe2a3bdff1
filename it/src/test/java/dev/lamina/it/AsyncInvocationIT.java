package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.server.AsyncConfig;
import dev.lamina.server.ExecutionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Asynchronous invocation through the AWS SDK, on a server whose time scale is 0.01 (Lambda's one-
 * and two-minute retry waits take 0.6 and 1.2 s, a 60-second maximum age 0.6 s), with ElasticMQ as
 * the SQS-compatible server for destinations and dead-letter queues.
 */
class AsyncInvocationIT {
    static final double SCALE = 0.01;
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    static ElasticMq sqs;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        sqs = ElasticMq.start();
        server = TestServer.start(ExecutionConfig.defaults(), AsyncConfig.defaults().withTimeScale(SCALE)
                .withSqsEndpoint(sqs.endpoint()).withMaxPayloadBytes(256 * 1024));
        lambda = server.lambda();
        for (String name : List.of("flaky", "lucky", "looper", "unbounded", "disabled", "busy",
                "dead-lettered")) {
            Functions.create(lambda, name, "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(10));
        }
        Functions.create(lambda, "recorder", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js",
                "exports.handler = async (e) => { console.log('RECORD ' + JSON.stringify(e)); return 'recorded'; };\n")),
                b -> { });
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
        sqs.close();
    }

    static String event(String function, String payload) {
        InvokeResponse r = lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.payload().asByteArray()).isEmpty();
        return r.responseMetadata().requestId();
    }

    static JsonNode json(String text) {
        try {
            return Functions.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }

    @Test
    void anEventIsAcknowledgedThenRunsWithTheRequestIdOfItsAcknowledgement() {
        String id = event("lucky", "{\"action\":\"echo\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Logs.lines(server, "lucky").contains("END RequestId: " + id));
    }

    @Test
    void functionErrorsAreRetriedTwiceOnLambdasScheduleThenGoToTheOnFailureDestination() {
        String queue = sqs.queue("flaky-failures");
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("flaky")
                .destinationConfig(d -> d.onFailure(f -> f.destination(queue))));
        String id = event("flaky", "{\"action\":\"error\",\"order\":7}");
        List<Message> records = sqs.receive("flaky-failures", 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        JsonNode record = json(records.getFirst().body());
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.path("requestContext").path("requestId").asText()).isEqualTo(id);
        assertThat(record.path("requestContext").path("functionArn").asText()).isEqualTo(ARN + "flaky:$LATEST");
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.path("requestPayload").path("order").asInt()).isEqualTo(7);
        assertThat(record.path("responseContext").path("statusCode").asInt()).isEqualTo(200);
        assertThat(record.path("responseContext").path("executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorType").asText()).isEqualTo("TypeError");

        // Three attempts, all with the same request id, a minute then two minutes apart (scaled).
        List<Logs.Line> starts = Logs.timed(server, "flaky", "START RequestId: " + id);
        assertThat(starts).hasSize(3);
        assertThat(starts.get(1).at() - starts.get(0).at()).isBetween(550L, 10_000L);
        assertThat(starts.get(2).at() - starts.get(1).at()).isBetween(1150L, 10_000L);
    }

    @Test
    void aSuccessGoesToTheOnSuccessDestinationFunctionWithItsRecord() {
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("lucky").qualifier("$LATEST").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ARN + "recorder"))));
        try {
            String id = event("lucky", "{\"action\":\"echo\",\"marker\":\"m-1\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> Logs.lines(server, "recorder").stream()
                    .anyMatch(l -> l.contains("RECORD") && l.contains(id)));
            String line = Logs.lines(server, "recorder").stream().filter(l -> l.contains("RECORD") && l.contains(id))
                    .findFirst().orElseThrow();
            JsonNode record = json(line.substring(line.indexOf("RECORD ") + 7));
            assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
            assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
            assertThat(record.path("requestPayload").path("marker").asText()).isEqualTo("m-1");
            assertThat(record.path("responsePayload").path("event").path("marker").asText()).isEqualTo("m-1");
            assertThat(record.path("responseContext").has("functionError")).isFalse();
        } finally {
            lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("lucky"));
        }
    }

    @Test
    void theDeadLetterQueueGetsTheOriginalEventWithItsErrorAttributes() {
        String dlq = sqs.queue("dead-letters");
        lambda.updateFunctionConfiguration(b -> b.functionName("dead-lettered").deadLetterConfig(d -> d.targetArn(dlq)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("dead-lettered"));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("dead-lettered").maximumRetryAttempts(0));
        String id = event("dead-lettered", "{\"action\":\"error\",\"n\":1}");
        List<Message> messages = sqs.receive("dead-letters", 1, Duration.ofSeconds(30));
        assertThat(messages).hasSize(1);
        Message m = messages.getFirst();
        assertThat(json(m.body()).path("n").asInt()).isEqualTo(1);
        assertThat(m.messageAttributes().get("RequestID").stringValue()).isEqualTo(id);
        assertThat(m.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
        assertThat(m.messageAttributes().get("ErrorCode").dataType()).isEqualTo("Number");
        assertThat(m.messageAttributes().get("ErrorMessage").stringValue()).isEqualTo("boom from nodejs");
        assertThat(Logs.starting(server, "dead-lettered", "START RequestId: " + id)).as("no retry").hasSize(1);
    }

    @Test
    void anEventThatCannotRunBeforeItsMaximumAgeFailsWithEventAgeExceeded() throws Exception {
        String queue = sqs.queue("too-old");
        lambda.putFunctionConcurrency(b -> b.functionName("busy").reservedConcurrentExecutions(1));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("busy").maximumEventAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(queue))));
        Thread holder = Thread.ofVirtual().start(() -> Functions.invoke(lambda, "busy", "{\"action\":\"sleep\",\"ms\":3000}"));
        Thread.sleep(300); // the one slot is taken: the event is throttled until it is too old (0.6 s)
        String id = event("busy", "{\"action\":\"echo\"}");
        List<Message> records = sqs.receive("too-old", 1, Duration.ofSeconds(30));
        holder.join();
        assertThat(records).hasSize(1);
        JsonNode record = json(records.getFirst().body());
        assertThat(record.path("requestContext").path("requestId").asText()).isEqualTo(id);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isZero();
        assertThat(record.has("responseContext")).isFalse();
        assertThat(Logs.starting(server, "busy", "START RequestId: " + id)).as("never ran").isEmpty();
    }

    @Test
    void aReservedConcurrencyOfZeroSendsEventsStraightToFailureHandling() {
        String queue = sqs.queue("disabled-failures");
        lambda.putFunctionConcurrency(b -> b.functionName("disabled").reservedConcurrentExecutions(0));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("disabled")
                .destinationConfig(d -> d.onFailure(f -> f.destination(queue))));
        String id = event("disabled", "{}");
        List<Message> records = sqs.receive("disabled-failures", 1, Duration.ofSeconds(10));
        assertThat(records).hasSize(1);
        assertThat(json(records.getFirst().body()).path("requestContext").path("requestId").asText()).isEqualTo(id);
        assertThat(Logs.starting(server, "disabled", "START")).isEmpty();
    }

    @Test
    void aFunctionThatIsItsOwnOnSuccessDestinationStopsAfterSixteenInvocations() {
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("looper").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ARN + "looper"))));
        event("looper", "{}");
        await().atMost(Duration.ofSeconds(60)).until(() -> Logs.starting(server, "looper", "END").size() >= 16);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> Logs.starting(server, "looper", "END").size() == 16);
    }

    @Test
    void aFunctionThatAllowsRecursiveLoopsGoesPastSixteenUntilItTerminatesThemAgain() throws InterruptedException {
        lambda.putFunctionRecursionConfig(b -> b.functionName("unbounded").recursiveLoop("Allow"));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("unbounded").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ARN + "unbounded"))));
        event("unbounded", "{}");
        await().atMost(Duration.ofSeconds(60)).until(() -> Logs.starting(server, "unbounded", "END").size() >= 20);
        lambda.putFunctionRecursionConfig(b -> b.functionName("unbounded").recursiveLoop("Terminate"));
        // The chain is past 16 hops, so once the invocation running now ends, no next one is made.
        Thread.sleep(1000);
        int settled = Logs.starting(server, "unbounded", "END").size();
        Thread.sleep(2000);
        assertThat(Logs.starting(server, "unbounded", "END")).hasSize(settled);
    }

    @Test
    void eventsAreCheckedBeforeTheyAreAccepted() {
        String big = "\"" + "x".repeat(256 * 1024) + "\"";
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("lucky").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(big))))
                .isInstanceOfSatisfying(RequestTooLargeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(413);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Request must be smaller than 262144 bytes for the InvokeFunction operation");
                });
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("nobody").invocationType(InvocationType.EVENT)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theLegacyInvokeAsyncIsAnEventToo() throws Exception {
        // The AWS SDK for Java v2 has dropped InvokeAsync; the AWS CLI still calls it.
        java.nio.file.Path home = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "cli-home");
        java.nio.file.Path args = home.resolve("args.json");
        java.nio.file.Files.writeString(args, "{\"action\":\"echo\",\"legacy\":true}");
        AwsCli.Result r = new AwsCli(server.endpoint(), home).lambda("invoke-async", "--function-name", "lucky",
                "--invoke-args", args.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(json(r.stdout()).path("Status").asInt()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Logs.lines(server, "lucky").stream()
                .anyMatch(l -> l.contains("\tINFO\techo ") && l.contains("\"legacy\":true")));
    }
}
