package dev.lamina.events.esm.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class KafkaEventTest {

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, byte[] key, byte[] value,
                                                         RecordHeaders headers) {
        return new ConsumerRecord<>(topic, partition, offset, 1545084650987L, TimestampType.CREATE_TIME, -1, -1,
                key, value, headers, Optional.empty());
    }

    @Test
    void recordsAreGroupedByTopicAndPartitionWithNullKeysAndValuesLeftOut() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("headerKey", "hV".getBytes()));
        headers.add(new RecordHeader("empty", (byte[]) null));
        Batch batch = new Batch(Map.of(
                new TopicPartition("mytopic", 0), List.of(record("mytopic", 0, 15, "recordKey".getBytes(),
                        "{\"key\":\"value\"}".getBytes(), headers))));
        JsonNode event = new ObjectMapper().readTree(KafkaEvent.payload(List.of("b-1:9092", "b-2:9092"),
                batch));
        assertThat(event.toString()).isEqualTo("{\"eventSource\":\"SelfManagedKafka\",\"bootstrapServers\":\"b-1:9092,b-2:9092\","
                + "\"records\":{\"mytopic-0\":[{\"topic\":\"mytopic\",\"partition\":0,\"offset\":15,\"timestamp\":1545084650987,"
                + "\"timestampType\":\"CREATE_TIME\",\"key\":\"cmVjb3JkS2V5\",\"value\":\"eyJrZXkiOiJ2YWx1ZSJ9\","
                + "\"headers\":[{\"headerKey\":[104,86]},{\"empty\":[]}]}]}}");

        Batch tombstone = new Batch(Map.of(new TopicPartition("t", 3),
                List.of(record("t", 3, 0, null, null, new RecordHeaders()))));
        JsonNode r = new ObjectMapper().readTree(KafkaEvent.payload(List.of("h:1"), tombstone)).get("records").get("t-3").get(0);
        assertThat(r.has("key")).isFalse();
        assertThat(r.has("value")).isFalse();
        assertThat(r.get("headers").isEmpty()).isTrue();
    }
}
