package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EndPointType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A self-managed Apache Kafka event source mapping end to end: created with the AWS SDK against
 * the real server, reading a real (in-process, single-node KRaft) broker, invoking a real Node.js
 * function, committing the group's offsets after the function succeeded.
 */
class KafkaEventSourceIT extends ServerPerClass {
    static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaBroker.start();
        Functions.create(lambda, "kafka-recorder", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js",
                "exports.handler = async (e) => { console.log('KAFKA ' + JSON.stringify(e)); return 'ok'; };\n")),
                b -> { });
        // Fails its environment's first two invocations, as a function whose dependency is not up yet.
        Functions.create(lambda, "kafka-late", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js",
                "let calls = 0;\nexports.handler = async (e) => { calls++; if (calls <= 2) { throw new Error('not yet ' + calls); }"
                        + " console.log('KAFKA ' + JSON.stringify(e)); return 'ok'; };\n")),
                b -> b.timeout(10));
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** Every record the function was given, as (partition, offset, value), in the order it got them. */
    private static List<String> received() {
        List<String> seen = new ArrayList<>();
        for (JsonNode event : events()) {
            event.get("records").properties().forEach(e -> e.getValue().forEach(r -> seen.add(
                    r.get("partition").asInt() + "/" + r.get("offset").asLong() + "/"
                            + new String(Base64.getDecoder().decode(r.get("value").asText()), StandardCharsets.UTF_8))));
        }
        return seen;
    }

    /** The events the function logged (its console.log lines carry the runtime's prefix). */
    private static List<JsonNode> events() {
        return Logs.lines(server, "kafka-recorder").stream().filter(l -> l.contains("KAFKA {"))
                .map(l -> parse(l.substring(l.indexOf("KAFKA {") + 6).trim())).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return Functions.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void aMappingDeliversTheTopicsRecordsInPartitionOrderAndCommitsTheNextOffsetInItsGroup() throws Exception {
        kafka.createTopic("orders", 2);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>("orders", 0, "early".getBytes(), "e0".getBytes())).get(10, TimeUnit.SECONDS);
        }
        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b
                .functionName("kafka-recorder")
                .topics("orders")
                .selfManagedEventSource(s -> s.endpoints(Map.of(EndPointType.KAFKA_BOOTSTRAP_SERVERS, List.of(kafka.bootstrap()))))
                .selfManagedKafkaEventSourceConfig(c -> c.consumerGroupId("lamina-it-orders"))
                .startingPosition(EventSourcePosition.TRIM_HORIZON)
                .batchSize(5));
        assertThat(created.state()).isEqualTo("Creating");
        assertThat(created.topics()).containsExactly("orders");
        assertThat(created.selfManagedEventSource().endpointsAsStrings().get("KAFKA_BOOTSTRAP_SERVERS"))
                .containsExactly(kafka.bootstrap());
        assertThat(created.selfManagedKafkaEventSourceConfig().consumerGroupId()).isEqualTo("lamina-it-orders");
        String uuid = created.uuid();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(uuid)).state().equals("Enabled"));

        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < 12; i++) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>("orders", i % 2, ("k" + i).getBytes(),
                        ("v" + i).getBytes());
                r.headers().add(new RecordHeader("n", Integer.toString(i).getBytes()));
                producer.send(r).get(10, TimeUnit.SECONDS);
            }
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received())
                .as(() -> "mapping " + lambda.getEventSourceMapping(b -> b.uuid(uuid)))
                .hasSizeGreaterThanOrEqualTo(13));
        List<String> seen = received();
        assertThat(seen).hasSize(13);
        assertThat(seen.stream().filter(s -> s.startsWith("0/")).toList()).containsExactly(
                "0/0/e0", "0/1/v0", "0/2/v2", "0/3/v4", "0/4/v6", "0/5/v8", "0/6/v10");
        assertThat(seen.stream().filter(s -> s.startsWith("1/")).toList()).containsExactly(
                "1/0/v1", "1/1/v3", "1/2/v5", "1/3/v7", "1/4/v9", "1/5/v11");
        JsonNode event = events().getLast();
        assertThat(event.get("eventSource").asText()).isEqualTo("SelfManagedKafka");
        assertThat(event.get("bootstrapServers").asText()).isEqualTo(kafka.bootstrap());
        JsonNode record = event.get("records").properties().iterator().next().getValue().get(0);
        assertThat(record.get("timestampType").asText()).isEqualTo("CREATE_TIME");
        assertThat(record.get("headers").get(0).get("n").isArray()).isTrue();
        for (JsonNode e : events()) {
            int size = 0;
            for (JsonNode list : e.get("records")) {
                size += list.size();
            }
            assertThat(size).isBetween(1, 5);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kafka.committed("lamina-it-orders").equals(Map.of(new TopicPartition("orders", 0), 7L,
                        new TopicPartition("orders", 1), 6L)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "OK".equals(lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()));

        lambda.deleteEventSourceMapping(b -> b.uuid(uuid));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)))
                        .isInstanceOf(ResourceNotFoundException.class));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.admin().describeConsumerGroups(List.of("lamina-it-orders"))
                .all().get(10, TimeUnit.SECONDS).get("lamina-it-orders").members().isEmpty());
    }

    @Test
    void withoutAConsumerGroupIdTheGroupIsTheMappingsUuid() throws Exception {
        kafka.createTopic("payments", 1);
        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b
                .functionName("kafka-recorder")
                .topics("payments")
                .selfManagedEventSource(s -> s.endpoints(Map.of(EndPointType.KAFKA_BOOTSTRAP_SERVERS, List.of(kafka.bootstrap()))))
                .startingPosition(EventSourcePosition.LATEST));
        String uuid = created.uuid();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            GetEventSourceMappingResponse m = lambda.getEventSourceMapping(b -> b.uuid(uuid));
            return m.state().equals("Enabled");
        });
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>("payments", 0, null, "paid".getBytes())).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received())
                .as(() -> "mapping " + lambda.getEventSourceMapping(b -> b.uuid(uuid)))
                .contains("0/0/paid"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kafka.committed(uuid).equals(Map.of(new TopicPartition("payments", 0), 1L)));
        lambda.deleteEventSourceMapping(b -> b.uuid(uuid));
    }

    @Test
    void aFailingBatchIsRetriedAndCommittedOnlyOnceTheFunctionSucceeds() throws Exception {
        kafka.createTopic("retries", 1);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>("retries", 0, null, "r0".getBytes())).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("retries", 0, null, "r1".getBytes())).get(10, TimeUnit.SECONDS);
        }
        String uuid = lambda.createEventSourceMapping(b -> b
                .functionName("kafka-late")
                .topics("retries")
                .selfManagedEventSource(s -> s.endpoints(Map.of(EndPointType.KAFKA_BOOTSTRAP_SERVERS, List.of(kafka.bootstrap()))))
                .selfManagedKafkaEventSourceConfig(c -> c.consumerGroupId("lamina-it-retries"))
                .startingPosition(EventSourcePosition.TRIM_HORIZON)).uuid();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                Logs.lines(server, "kafka-late").stream().anyMatch(l -> l.contains("KAFKA {")));
        List<String> lines = Logs.lines(server, "kafka-late");
        assertThat(lines.stream().filter(l -> l.contains("not yet")).count()).isGreaterThanOrEqualTo(2);
        JsonNode event = parse(lines.stream().filter(l -> l.contains("KAFKA {")).findFirst().orElseThrow()
                .replaceFirst("^.*?KAFKA \\{", "{"));
        assertThat(event.get("records").get("retries-0")).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kafka.committed("lamina-it-retries").equals(Map.of(new TopicPartition("retries", 0), 2L)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "OK".equals(lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()));
        lambda.deleteEventSourceMapping(b -> b.uuid(uuid));
    }

    @Test
    void aClusterThatCannotBeReachedIsReportedWhileTheMappingStaysEnabled() {
        String uuid = lambda.createEventSourceMapping(b -> b
                .functionName("kafka-recorder")
                .topics("nowhere")
                .selfManagedEventSource(s -> s.endpoints(Map.of(EndPointType.KAFKA_BOOTSTRAP_SERVERS, List.of("127.0.0.1:1"))))
                .startingPosition(EventSourcePosition.LATEST)).uuid();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            GetEventSourceMappingResponse m = lambda.getEventSourceMapping(b -> b.uuid(uuid));
            assertThat(m.state()).isEqualTo("Enabled");
            assertThat(m.stateTransitionReason() + " " + m.lastProcessingResult()).contains("Connection error");
        });
        lambda.deleteEventSourceMapping(b -> b.uuid(uuid));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)))
                        .isInstanceOf(ResourceNotFoundException.class));
    }
}
