package dev.lamina.events.esm.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One batch of Kafka records: per partition, in the partition's order, contiguous offsets from the
 * consumer's position. Immutable.
 */
record Batch(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records) {

    static final Batch EMPTY = new Batch(Map.of());

    Batch {
        LinkedHashMap<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> copy = new LinkedHashMap<>();
        records.forEach((tp, list) -> {
            if (!list.isEmpty()) {
                copy.put(tp, List.copyOf(list));
            }
        });
        records = Collections.unmodifiableMap(copy);
    }

    int size() {
        return records.values().stream().mapToInt(List::size).sum();
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    /**
     * What the group commits once the batch is done: per partition the offset after the batch's
     * last record (Kafka's committed offset is the next one to read).
     */
    Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        records.forEach((tp, list) -> next.put(tp, new OffsetAndMetadata(list.getLast().offset() + 1)));
        return next;
    }

    /** Per partition the batch's first offset, where a consumer is put back to read the batch again. */
    Map<TopicPartition, Long> firstOffsets() {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        records.forEach((tp, list) -> first.put(tp, list.getFirst().offset()));
        return first;
    }

    /** The batch less the partitions this consumer no longer owns. */
    Batch without(Collection<TopicPartition> partitions) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new LinkedHashMap<>(records);
        partitions.forEach(kept::remove);
        return new Batch(kept);
    }

    /** The records that {@code keep} accepts (a filtered batch is not contiguous; never commit from it). */
    Batch filter(Predicate<ConsumerRecord<byte[], byte[]>> keep) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new LinkedHashMap<>();
        records.forEach((tp, list) -> {
            List<ConsumerRecord<byte[], byte[]>> passing = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : list) {
                if (keep.test(r)) {
                    passing.add(r);
                }
            }
            kept.put(tp, passing);
        });
        return new Batch(kept);
    }

    /** The smallest record timestamp (epoch ms), for MaximumRecordAge. */
    OptionalLong oldestTimestamp() {
        return records.values().stream().flatMap(List::stream).mapToLong(ConsumerRecord::timestamp).min();
    }
}
