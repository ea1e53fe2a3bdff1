package dev.lamina.events.esm.kafka;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Gathers one batch from the consumer: up to BatchSize records across partitions, each
 * partition's in order, within MaximumBatchingWindow from the first record, and under the
 * synchronous invoke's payload limit. Records polled beyond the batch are given back (the
 * partition is put back to the first of them), so the consumer's position per partition is always
 * just after the batch.
 */
final class Gatherer {

    /** How long one poll waits while there is nothing: the poller looks at its state this often. */
    static final Duration IDLE_POLL = Duration.ofMillis(500);

    /** Lambda's synchronous invoke takes 6 MB; the event's envelope and base64 need room. */
    static final long PAYLOAD_LIMIT = 6L * 1024 * 1024 - 64 * 1024;

    private final Consumer<byte[], byte[]> consumer;
    private final Assignments assignments;
    private final int batchSize;
    private final Duration window;
    private final InstantSource clock;

    Gatherer(Consumer<byte[], byte[]> consumer, Assignments assignments, int batchSize, Duration window,
             InstantSource clock) {
        this.consumer = consumer;
        this.assignments = assignments;
        this.batchSize = Math.max(1, batchSize);
        this.window = window;
        this.clock = clock;
    }

    /** The next batch; empty when an idle poll brought nothing. */
    Batch next() {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> taken = new LinkedHashMap<>();
        int count = 0;
        long bytes = 0;
        boolean full = false;
        long deadline = -1;
        while (true) {
            Duration timeout = deadline < 0 ? IDLE_POLL : Duration.ofMillis(Math.max(0, deadline - clock.millis()));
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(timeout);
            for (TopicPartition lost : assignments.drainRevoked()) {
                List<ConsumerRecord<byte[], byte[]>> dropped = taken.remove(lost);
                if (dropped != null) {
                    count -= dropped.size();
                }
            }
            Map<TopicPartition, Long> giveBack = new LinkedHashMap<>();
            for (TopicPartition tp : polled.partitions()) {
                for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                    long size = KafkaEvent.estimatedSize(r);
                    if (full || count >= batchSize || (count > 0 && bytes + size > PAYLOAD_LIMIT)) {
                        full = true;
                        giveBack.putIfAbsent(tp, r.offset());
                        continue;
                    }
                    taken.computeIfAbsent(tp, k -> new ArrayList<>()).add(r);
                    count++;
                    bytes += size;
                }
            }
            giveBack.forEach(consumer::seek);
            if (count == 0) {
                if (deadline < 0) {
                    return Batch.EMPTY;
                }
            } else if (deadline < 0) {
                deadline = clock.millis() + window.toMillis();
            }
            if (full || count >= batchSize || (deadline >= 0 && clock.millis() >= deadline)) {
                return new Batch(taken);
            }
        }
    }
}
