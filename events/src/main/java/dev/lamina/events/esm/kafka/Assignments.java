package dev.lamina.events.esm.kafka;

import dev.lamina.events.esm.MappingSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * The poller's view of its group's rebalances. Runs on the consumer thread (inside poll), so it
 * needs no locking.
 *
 * <p>A partition the group has no committed offset for starts at the mapping's StartingPosition:
 * TRIM_HORIZON at its first record; LATEST at the first record written since the poller started
 * (not at the end when the group finally assigns it, which may be seconds later: a record put
 * right after the mapping became Enabled must not be skipped); AT_TIMESTAMP at the first record at
 * or after that time. A group that has offsets resumes from them, whatever StartingPosition says
 * (Lambda does the same for an existing ConsumerGroupId).
 *
 * <p>Partitions taken away are remembered until the poller drains them, so a batch holding their
 * records is neither retried nor committed by this consumer (their new owner reads them again).
 */
final class Assignments implements ConsumerRebalanceListener {

    private final Consumer<byte[], byte[]> consumer;
    private final MappingSettings settings;
    private final long startMillis;
    private final Duration timeout;
    private final Set<TopicPartition> revoked = new HashSet<>();

    Assignments(Consumer<byte[], byte[]> consumer, MappingSettings settings, long startMillis, Duration timeout) {
        this.consumer = consumer;
        this.settings = settings;
        this.startMillis = startMillis;
        this.timeout = timeout;
    }

    /** The partitions lost since the last call. */
    Set<TopicPartition> drainRevoked() {
        if (revoked.isEmpty()) {
            return Set.of();
        }
        Set<TopicPartition> lost = Set.copyOf(revoked);
        revoked.clear();
        return lost;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        revoked.addAll(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        revoked.addAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), timeout);
        Set<TopicPartition> fresh = new HashSet<>();
        for (TopicPartition tp : partitions) {
            if (committed.get(tp) == null) {
                fresh.add(tp);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        String position = settings.startingPosition().orElse("LATEST");
        if (position.equals("TRIM_HORIZON")) {
            consumer.seekToBeginning(fresh);
            return;
        }
        long from = position.equals("AT_TIMESTAMP")
                ? settings.startingPositionTimestamp().map(t -> t.toEpochMilli()).orElse(startMillis)
                : startMillis;
        Map<TopicPartition, Long> query = new HashMap<>();
        fresh.forEach(tp -> query.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        Set<TopicPartition> toEnd = new HashSet<>();
        for (TopicPartition tp : fresh) {
            OffsetAndTimestamp at = found.get(tp);
            if (at == null) {
                toEnd.add(tp);
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        if (!toEnd.isEmpty()) {
            // The end as of now, not a lazy seekToEnd that a record written meanwhile would pass.
            consumer.endOffsets(toEnd, timeout).forEach(consumer::seek);
        }
    }
}
