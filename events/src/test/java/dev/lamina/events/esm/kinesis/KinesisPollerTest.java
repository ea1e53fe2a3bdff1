package dev.lamina.events.esm.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.events.esm.SourcePoller;
import dev.lamina.model.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.lamina.events.esm.kinesis.TestContext.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The Kinesis poller against a real Kinesis-compatible server (kinesis-mock), with a recording function. */
class KinesisPollerTest {
    static final Tuning FAST = new Tuning(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(5));

    static KinesisMock kinesis;
    static KinesisPollerFactory factory;

    @BeforeAll
    static void startKinesis() {
        kinesis = KinesisMock.start();
        factory = new KinesisPollerFactory(new KinesisSettings(Optional.of(kinesis.endpoint()), new Region("us-east-1"),
                KinesisMock.CREDENTIALS), FAST);
    }

    @AfterAll
    static void stopKinesis() {
        factory.close();
        kinesis.close();
    }

    static String name() {
        return "s-" + UUID.randomUUID();
    }

    static SourcePoller started(TestContext context) {
        SourcePoller poller = factory.create(context);
        poller.start();
        return poller;
    }

    @Test
    void trimHorizonDeliversEveryRecordInOrderInLambdasShapeAndCheckpointsTheLast() throws Exception {
        String stream = name();
        String arn = kinesis.createStream(stream, 1);
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sequences.add(kinesis.put(stream, "key-" + i, "record-" + i));
        }
        TestContext context = new TestContext(new Mapping(arn).build());
        try (SourcePoller poller = started(context)) {
            eventually("five records delivered", () -> context.delivered().size() == 5);
            assertThat(context.delivered()).containsExactly("record-0", "record-1", "record-2", "record-3", "record-4");
            eventually("checkpointed", () -> sequences.getLast().equals(context.checkpoints.get("shardId-000000000000")));
        }
        JsonNode record = context.events.getFirst().get("Records").get(0);
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:kinesis");
        assertThat(record.get("eventVersion").asText()).isEqualTo("1.0");
        assertThat(record.get("eventName").asText()).isEqualTo("aws:kinesis:record");
        assertThat(record.get("eventID").asText()).isEqualTo("shardId-000000000000:" + sequences.getFirst());
        assertThat(record.get("invokeIdentityArn").asText()).isEqualTo(Mapping.ROLE);
        assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(arn);
        JsonNode k = record.get("kinesis");
        assertThat(k.get("kinesisSchemaVersion").asText()).isEqualTo("1.0");
        assertThat(k.get("partitionKey").asText()).isEqualTo("key-0");
        assertThat(k.get("sequenceNumber").asText()).isEqualTo(sequences.getFirst());
        assertThat(k.get("data").asText()).isEqualTo("cmVjb3JkLTA="); // base64 of record-0
        assertThat(k.get("approximateArrivalTimestamp").isNumber()).isTrue();
        double arrival = k.get("approximateArrivalTimestamp").asDouble();
        assertThat(arrival).isBetween(System.currentTimeMillis() / 1000.0 - 120, System.currentTimeMillis() / 1000.0 + 1);
    }

    @Test
    void aRestartedPollerResumesAfterTheLastProcessedRecord() throws Exception {
        String stream = name();
        String arn = kinesis.createStream(stream, 1);
        for (int i = 0; i < 3; i++) {
            kinesis.put(stream, "k", "first-" + i);
        }
        var mapping = new Mapping(arn).build();
        TestContext first = new TestContext(mapping);
        try (SourcePoller poller = started(first)) {
            eventually("first three", () -> first.delivered().size() == 3);
        }
        kinesis.put(stream, "k", "second-0");
        kinesis.put(stream, "k", "second-1");
        TestContext second = new TestContext(mapping, first.checkpoints);
        try (SourcePoller poller = started(second)) {
            eventually("the two new ones", () -> second.delivered().size() == 2);
            KinesisMock.sleep(Duration.ofMillis(500));
        }
        assertThat(second.delivered()).containsExactly("second-0", "second-1");
    }

    @Test
    void latestDeliversOnlyWhatWasPutAfterTheStartEvenAcrossARestart() throws Exception {
        String stream = name();
        String arn = kinesis.createStream(stream, 1);
        kinesis.put(stream, "k", "before");
        Mapping m = new Mapping(arn);
        m.startingPosition = "LATEST";
        var mapping = m.build();
        TestContext first = new TestContext(mapping);
        started(first).close(); // enabled, then stopped before anything new arrived
        kinesis.put(stream, "k", "while-stopped");
        TestContext second = new TestContext(mapping, first.checkpoints);
        try (SourcePoller poller = started(second)) {
            kinesis.put(stream, "k", "after");
            eventually("two records", () -> second.delivered().size() == 2);
            KinesisMock.sleep(Duration.ofMillis(500));
        }
        assertThat(first.delivered()).isEmpty();
        assertThat(second.delivered()).containsExactly("while-stopped", "after");
    }

    @Test
    void atTimestampStartsWithTheFirstRecordThatArrivedAtOrAfterIt() throws Exception {
        String stream = name();
        String arn = kinesis.createStream(stream, 1);
        kinesis.put(stream, "k", "earlier");
        KinesisMock.sleep(Duration.ofMillis(1500));
        java.time.Instant from = java.time.Instant.now();
        KinesisMock.sleep(Duration.ofMillis(500));
        kinesis.put(stream, "k", "later-0");
        kinesis.put(stream, "k", "later-1");
        Mapping m = new Mapping(arn);
        m.startingPosition = "AT_TIMESTAMP";
        m.timestamp = Optional.of(from);
        TestContext context = new TestContext(m.build());
        try (SourcePoller poller = started(context)) {
            eventually("two records", () -> context.delivered().size() == 2);
            KinesisMock.sleep(Duration.ofMillis(500));
        }
        assertThat(context.delivered()).containsExactly("later-0", "later-1");
    }
}
