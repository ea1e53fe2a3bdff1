package dev.lamina.events.esm.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.SourcePoller;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** The Kafka poller against a real single-node broker, with a recording function. */
class KafkaPollerTest extends BrokerPerClass {

    @Test
    void sendsTheEventAsLambdaDoesAndCommitsTheNextOffsetInTheMappingsGroup() throws Exception {
        String topic = topic(1);
        ProducerRecord<byte[], byte[]> withHeaders = new ProducerRecord<>(topic, 0, "k1".getBytes(), "{\"a\":1}".getBytes());
        withHeaders.headers().add(new RecordHeader("h", new byte[] {104, -1}));
        RecordMetadata first = producer.send(withHeaders).get(10, TimeUnit.SECONDS);
        send(topic, 0, null, "two");
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), topic, "TRIM_HORIZON", 10,
                Duration.ofMillis(300), List.of(), -1);
        RecordingContext context = new RecordingContext(settings);
        start(context);

        await().atMost(30, TimeUnit.SECONDS).until(() -> context.seen().size() == 2);
        JsonNode event = context.events.getFirst();
        assertThat(event.get("eventSource").asText()).isEqualTo("SelfManagedKafka");
        assertThat(event.get("bootstrapServers").asText()).isEqualTo(broker.bootstrap());
        JsonNode record = event.get("records").get(topic + "-0").get(0);
        assertThat(record.get("topic").asText()).isEqualTo(topic);
        assertThat(record.get("partition").isInt()).isTrue();
        assertThat(record.get("offset").asLong()).isEqualTo(0);
        assertThat(record.get("timestamp").asLong()).isEqualTo(first.timestamp());
        assertThat(record.get("timestampType").asText()).isEqualTo("CREATE_TIME");
        assertThat(record.get("key").asText()).isEqualTo(Base64.getEncoder().encodeToString("k1".getBytes()));
        assertThat(record.get("value").asText()).isEqualTo(Base64.getEncoder().encodeToString("{\"a\":1}".getBytes()));
        assertThat(record.get("headers").toString()).isEqualTo("[{\"h\":[104,-1]}]");
        JsonNode second = context.events.getLast().get("records").get(topic + "-0");
        assertThat(second.get(second.size() - 1).has("key")).isFalse();
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 2L)));
        assertThat(context.results).contains("OK");
    }

    @Test
    void keepsEachPartitionsOrderAndCountsTheBatchSizeAcrossPartitions() throws Exception {
        String topic = topic(3);
        for (int i = 0; i < 45; i++) {
            send(topic, i % 3, "k" + i, Integer.toString(i));
        }
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), topic, "TRIM_HORIZON", 10,
                Duration.ofSeconds(1), List.of(), -1);
        RecordingContext context = new RecordingContext(settings);
        start(context);

        await().atMost(30, TimeUnit.SECONDS).until(() -> context.seen().size() >= 45);
        assertThat(context.seen()).hasSize(45);
        for (JsonNode event : context.events) {
            int size = 0;
            for (JsonNode list : event.get("records")) {
                size += list.size();
            }
            assertThat(size).isLessThanOrEqualTo(10);
        }
        assertThat(context.events.getFirst().get("records").properties().stream()
                .mapToInt(e -> e.getValue().size()).sum()).isEqualTo(10);
        for (int p = 0; p < 3; p++) {
            int partition = p;
            List<Long> offsets = context.seen().stream().filter(s -> s.partition() == partition)
                    .map(RecordingContext.Seen::offset).toList();
            assertThat(offsets).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 15).boxed().toList());
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(broker.endOffsets(topic, 3)));
    }

    @Test
    void retriesAFailedBatchAndCommitsOnlyAfterTheFunctionSucceeded() throws Exception {
        String topic = topic(1);
        send(topic, 0, null, "a");
        send(topic, 0, null, "b");
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), topic, "TRIM_HORIZON", 10,
                Duration.ofMillis(300), List.of(), -1);
        RecordingContext context = new RecordingContext(settings);
        java.util.concurrent.atomic.AtomicBoolean healthy = new java.util.concurrent.atomic.AtomicBoolean();
        context.answer = e -> healthy.get()
                ? new BatchInvoker.Succeeded("null".getBytes())
                : new BatchInvoker.FunctionFailed("{\"errorMessage\":\"no\"}".getBytes());
        start(context);

        await().atMost(30, TimeUnit.SECONDS).until(() -> context.events.size() >= 3);
        assertThat(committed(settings)).isEmpty();
        assertThat(context.results).contains("PROBLEM: Function call failed").doesNotContain("OK");
        healthy.set(true);
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 2L)));
        assertThat(context.events.stream().map(JsonNode::toString).distinct()).hasSize(1);
        assertThat(context.results).contains("OK");
    }

    @Test
    void latestDeliversOnlyWhatWasWrittenAfterThePollerStarted() throws Exception {
        String topic = topic(2);
        send(topic, 0, null, "old-0");
        send(topic, 1, null, "old-1");
        Thread.sleep(20); // "before" by the clock the records' CreateTime comes from
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), topic, "LATEST", 10,
                Duration.ofMillis(200), List.of(), -1);
        RecordingContext context = new RecordingContext(settings);
        start(context);
        // At once, before the group has assigned anything: LATEST must not skip these.
        send(topic, 0, null, "new-0");
        send(topic, 1, null, "new-1");

        await().atMost(30, TimeUnit.SECONDS).until(() -> context.seen().size() >= 2);
        Thread.sleep(500);
        assertThat(context.seen()).extracting(RecordingContext.Seen::value).containsExactlyInAnyOrder("new-0", "new-1");
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(broker.endOffsets(topic, 2)));
    }

    @Test
    void filteredRecordsAreCommittedWithoutBeingSent() throws Exception {
        String topic = topic(1);
        send(topic, 0, null, "{\"kind\":\"keep\",\"n\":1}");
        send(topic, 0, null, "{\"kind\":\"drop\",\"n\":2}");
        send(topic, 0, null, "plain text");
        send(topic, 0, null, "{\"kind\":\"keep\",\"n\":4}");
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), topic, "TRIM_HORIZON", 10,
                Duration.ofMillis(500), List.of("{\"value\":{\"kind\":[\"keep\"]}}", "{\"value\":[{\"prefix\":\"plain\"}]}"), -1);
        RecordingContext context = new RecordingContext(settings);
        start(context);

        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 4L)));
        assertThat(context.seen()).extracting(RecordingContext.Seen::offset).containsExactly(0L, 2L, 3L);
        int invokes = context.events.size();
        send(topic, 0, null, "{\"kind\":\"drop\"}");
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 5L)));
        assertThat(context.events).hasSize(invokes);
    }

    @Test
    void closeLeavesTheGroupAndANewPollerResumesFromTheCommittedOffset() throws Exception {
        String topic = topic(1);
        for (int i = 0; i < 5; i++) {
            send(topic, 0, null, "a" + i);
        }
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), topic, "TRIM_HORIZON", 100,
                Duration.ofMillis(200), List.of(), -1);
        RecordingContext first = new RecordingContext(settings);
        SourcePoller poller = start(first);
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 5L)));
        poller.close();
        var group = broker.admin().describeConsumerGroups(List.of(settings.uuid())).all().get(10, TimeUnit.SECONDS).get(settings.uuid());
        assertThat(group.members()).isEmpty();

        for (int i = 0; i < 3; i++) {
            send(topic, 0, null, "b" + i);
        }
        RecordingContext second = new RecordingContext(settings);
        start(second);
        await().atMost(30, TimeUnit.SECONDS).until(() -> committed(settings).equals(Map.of(new TopicPartition(topic, 0), 8L)));
        assertThat(second.seen()).extracting(RecordingContext.Seen::value).containsExactly("b0", "b1", "b2");
        assertThat(first.seen()).hasSize(5);
    }
}
