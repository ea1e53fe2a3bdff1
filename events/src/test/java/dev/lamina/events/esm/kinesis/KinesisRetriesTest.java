package dev.lamina.events.esm.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.SourcePoller;
import dev.lamina.model.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.lamina.events.esm.kinesis.TestContext.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** A failing function against a real Kinesis-compatible server: retries, bisection, partial failures, OnFailure. */
class KinesisRetriesTest {
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:failures";
    static KinesisMock kinesis;
    static KinesisPollerFactory factory;

    @BeforeAll
    static void startKinesis() {
        kinesis = KinesisMock.start();
        factory = new KinesisPollerFactory(new KinesisSettings(Optional.of(kinesis.endpoint()), new Region("us-east-1"),
                KinesisMock.CREDENTIALS), KinesisPollerTest.FAST);
    }

    @AfterAll
    static void stopKinesis() {
        factory.close();
        kinesis.close();
    }

    static SourcePoller started(TestContext context) {
        SourcePoller poller = factory.create(context);
        poller.start();
        return poller;
    }

    /** A stream of one shard holding {@code data}, in order; returns its ARN and the sequence numbers. */
    static String stream(List<String> data, List<String> sequences) throws Exception {
        String name = KinesisPollerTest.name();
        String arn = kinesis.createStream(name, 1);
        for (String d : data) {
            sequences.add(kinesis.put(name, "k", d));
        }
        return arn;
    }

    @Test
    void aFailingBatchIsInvokedOncePlusMaximumRetryAttemptsThenDescribedToOnFailureAndTheShardMovesOn() throws Exception {
        List<String> seq = new ArrayList<>();
        String arn = stream(List.of("a", "b", "c"), seq);
        Mapping m = new Mapping(arn);
        m.maximumRetryAttempts = 2;
        m.onFailure = Optional.of(QUEUE);
        TestContext context = new TestContext(m.build());
        context.behaviour = data -> data.contains("b") ? TestContext.failed() : TestContext.ok();
        String name = arn.substring(arn.indexOf('/') + 1);
        try (SourcePoller poller = started(context)) {
            eventually("the OnFailure record", () -> context.failures.size() == 1);
            String after = kinesis.put(name, "k", "after");
            eventually("the next record", () -> context.delivered().contains("after"));
            eventually("checkpointed past it", () -> after.equals(context.checkpoints.get("shardId-000000000000")));
        }
        assertThat(context.invocations).containsExactly(List.of("a", "b", "c"), List.of("a", "b", "c"),
                List.of("a", "b", "c"), List.of("after"));
        JsonNode record = context.failures.getFirst();
        assertThat(record.at("/requestContext/functionArn").asText()).isEqualTo(Mapping.FUNCTION);
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/requestContext/requestId").asText()).isNotEmpty();
        assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
        assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.get("version").asText()).isEqualTo("1.0");
        assertThat(record.get("timestamp").asText()).endsWith("Z");
        JsonNode info = record.get("KinesisBatchInfo");
        assertThat(info.get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(seq.get(0));
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(seq.get(2));
        assertThat(info.get("batchSize").asInt()).isEqualTo(3);
        assertThat(info.get("streamArn").asText()).isEqualTo(arn);
        assertThat(info.get("approximateArrivalOfFirstRecord").asText()).endsWith("Z");
        assertThat(info.get("approximateArrivalOfLastRecord").asText()).endsWith("Z");
        assertThat(context.processed).contains("PROBLEM: Function call failed", "OK");
    }

    @Test
    void bisectionSplitsTheFailingBatchWithoutUsingUpRetriesUntilThePoisonRecordIsAlone() throws Exception {
        List<String> seq = new ArrayList<>();
        String arn = stream(List.of("a", "b", "poison", "d"), seq);
        Mapping m = new Mapping(arn);
        m.batchSize = 4;
        m.bisect = true;
        m.maximumRetryAttempts = 1;
        m.onFailure = Optional.of(QUEUE);
        TestContext context = new TestContext(m.build());
        context.behaviour = data -> data.contains("poison") ? TestContext.failed() : TestContext.ok();
        try (SourcePoller poller = started(context)) {
            eventually("d after the poison record", () -> context.delivered().contains("d"));
            eventually("checkpointed", () -> seq.get(3).equals(context.checkpoints.get("shardId-000000000000")));
        }
        assertThat(context.invocations).containsExactly(List.of("a", "b", "poison", "d"), List.of("a", "b"),
                List.of("poison", "d"), List.of("poison"), List.of("poison"), List.of("d"));
        assertThat(context.failures).hasSize(1);
        JsonNode info = context.failures.getFirst().get("KinesisBatchInfo");
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(seq.get(2));
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(seq.get(2));
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        assertThat(context.failures.getFirst().at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
    }

    @Test
    void reportedItemFailuresCheckpointBeforeTheLowestAndRetryFromIt() throws Exception {
        List<String> seq = new ArrayList<>();
        String arn = stream(List.of("r1", "r2", "r3", "r4"), seq);
        Mapping m = new Mapping(arn);
        m.reportBatchItemFailures = true;
        TestContext context = new TestContext(m.build());
        String answer = "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + seq.get(3) + "\"},{\"itemIdentifier\":\""
                + seq.get(2) + "\"}]}";
        context.behaviour = data -> data.size() == 4
                ? new BatchInvoker.Succeeded(answer.getBytes(StandardCharsets.UTF_8)) : TestContext.ok();
        try (SourcePoller poller = started(context)) {
            eventually("the retry", () -> context.invocations.size() == 2);
            eventually("checkpointed", () -> seq.get(3).equals(context.checkpoints.get("shardId-000000000000")));
            KinesisMock.sleep(Duration.ofMillis(500));
        }
        assertThat(context.invocations).containsExactly(List.of("r1", "r2", "r3", "r4"), List.of("r3", "r4"));
    }

    @Test
    void anItemIdentifierThatIsNoSequenceNumberOfTheBatchFailsTheWholeBatch() throws Exception {
        List<String> seq = new ArrayList<>();
        String arn = stream(List.of("x1", "x2"), seq);
        Mapping m = new Mapping(arn);
        m.reportBatchItemFailures = true;
        m.maximumRetryAttempts = 1;
        TestContext context = new TestContext(m.build());
        context.behaviour = data -> new BatchInvoker.Succeeded(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}".getBytes(StandardCharsets.UTF_8));
        try (SourcePoller poller = started(context)) {
            eventually("two invocations and the checkpoint",
                    () -> seq.get(1).equals(context.checkpoints.get("shardId-000000000000")));
        }
        assertThat(context.invocations).containsExactly(List.of("x1", "x2"), List.of("x1", "x2"));
    }

    @Test
    void recordsOlderThanMaximumRecordAgeAreDiscardedToOnFailureWithoutAnInvocation() throws Exception {
        List<String> seq = new ArrayList<>();
        String arn = stream(List.of("old1", "old2"), seq);
        Mapping m = new Mapping(arn);
        m.maximumRecordAge = Optional.of(Duration.ofSeconds(60));
        m.onFailure = Optional.of(QUEUE);
        TestContext context = new TestContext(m.build());
        context.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)); // both records are now 2 minutes old
        try (SourcePoller poller = started(context)) {
            eventually("the OnFailure record", () -> context.failures.size() == 1);
            eventually("checkpointed", () -> seq.get(1).equals(context.checkpoints.get("shardId-000000000000")));
        }
        assertThat(context.invocations).isEmpty();
        JsonNode record = context.failures.getFirst();
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isZero();
        assertThat(record.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(2);
    }

    @Test
    void throttledInvocationsAreRetriedWithoutCountingAsFailures() throws Exception {
        List<String> seq = new ArrayList<>();
        String arn = stream(List.of("t"), seq);
        Mapping m = new Mapping(arn);
        m.maximumRetryAttempts = 0;
        TestContext context = new TestContext(m.build());
        context.behaviour = data -> context.invocations.size() <= 3
                ? new BatchInvoker.NotInvoked("TooManyRequestsException", "Rate Exceeded.") : TestContext.ok();
        try (SourcePoller poller = started(context)) {
            eventually("delivered after the throttles", () -> context.invocations.size() == 4);
            eventually("checkpointed", () -> seq.getFirst().equals(context.checkpoints.get("shardId-000000000000")));
        }
        assertThat(context.processed).contains("PROBLEM: TooManyRequestsException: Rate Exceeded.", "OK");
    }
}
