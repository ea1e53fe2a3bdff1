package dev.lamina.events.esm.kafka;

import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.PollerContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one batch to the function and commits it, with Lambda's rules for self-managed Kafka:
 * records the filter drops are not sent but are committed; the group's offsets move (to the offset
 * after each partition's last record) only once the function succeeded; a failing batch is retried
 * whole, with backoff, until it succeeds, its retries run out (MaximumRetryAttempts; -1 is forever,
 * or 10 when an OnFailure destination is set) or a record is older than MaximumRecordAge — then the
 * OnFailure destination, if any, is told and the batch is committed. A function that cannot be
 * invoked (throttled, Lamina busy) is retried without counting.
 *
 * <p>While it retries, the poller's partitions are paused and the consumer keeps polling, so the
 * group does not evict it; a partition the group takes away meanwhile leaves the batch (its new
 * owner reads it again from the committed offset). Closing the poller ends a retry at once, with
 * nothing committed: the batch is read again after a restart (at least once).
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    /** Lambda caps infinite retries at this many when an OnFailure destination is configured. */
    static final int RETRIES_WITH_DESTINATION = 10;

    private final PollerContext context;
    private final Consumer<byte[], byte[]> consumer;
    private final Assignments assignments;
    private final ValueFilter filter;
    private final KafkaTiming timing;
    private final BooleanSupplier stopping;

    Delivery(PollerContext context, Consumer<byte[], byte[]> consumer, Assignments assignments, ValueFilter filter,
             KafkaTiming timing, BooleanSupplier stopping) {
        this.context = context;
        this.consumer = consumer;
        this.assignments = assignments;
        this.filter = filter;
        this.timing = timing;
        this.stopping = stopping;
    }

    /** Delivers {@code batch}; returns when it is committed or the poller is closing. */
    void deliver(Batch batch) throws InterruptedException {
        MappingSettings settings = context.settings();
        Batch toInvoke = batch.filter(r -> filter.passes(r.value()));
        consumer.pause(consumer.assignment());
        try {
            if (toInvoke.isEmpty()) {
                commit(batch);
                return;
            }
            int failures = 0;
            int refusals = 0;
            while (!stopping.getAsBoolean()) {
                Discard expired = expired(toInvoke);
                if (expired != null) {
                    if (discard(toInvoke, expired, failures)) {
                        commit(batch);
                    }
                    return;
                }
                BatchInvoker.Outcome outcome = context.invoker().invoke(KafkaEvent.payload(settings.kafkaBootstrapServers(), toInvoke));
                switch (outcome) {
                    case BatchInvoker.Succeeded ignored -> {
                        commit(batch);
                        context.status().processed("OK");
                        return;
                    }
                    case BatchInvoker.FunctionFailed ignored -> {
                        failures++;
                        context.status().processed("PROBLEM: Function call failed");
                        if (retriesExhausted(failures)) {
                            if (discard(toInvoke, Discard.RETRIES, failures)) {
                                commit(batch);
                            }
                            return;
                        }
                    }
                    case BatchInvoker.NotInvoked refused -> {
                        refusals++;
                        context.status().processed("PROBLEM: " + refused.errorCode() + ": " + refused.message());
                    }
                }
                waitPolling(timing.backoff(failures + refusals));
                Set<TopicPartition> lost = assignments.drainRevoked();
                if (!lost.isEmpty()) {
                    batch = batch.without(lost);
                    toInvoke = toInvoke.without(lost);
                    if (toInvoke.isEmpty()) {
                        commit(batch); // what is left was filtered out
                        return;
                    }
                }
            }
        } finally {
            // Only a delivery pauses partitions: whatever is paused now is this delivery's.
            consumer.resume(consumer.paused());
        }
    }

    private enum Discard {
        RETRIES("RetryAttemptsExhausted"), AGE("RecordAgeExceeded");

        final String condition;

        Discard(String condition) {
            this.condition = condition;
        }
    }

    private boolean retriesExhausted(int failures) {
        int max = context.settings().maximumRetryAttempts();
        if (max < 0 && context.onFailure().configured()) {
            max = RETRIES_WITH_DESTINATION;
        }
        return max >= 0 && failures > max;
    }

    private Discard expired(Batch batch) {
        var maxAge = context.settings().maximumRecordAge();
        if (maxAge.isEmpty() || maxAge.get().isNegative()) {
            return null;
        }
        long oldest = batch.oldestTimestamp().orElse(Long.MAX_VALUE);
        return context.clock().millis() - oldest > maxAge.get().toMillis() ? Discard.AGE : null;
    }

    /**
     * Tells the OnFailure destination about a batch given up on; false when the poller closed
     * before the destination took it (then the batch is not committed and comes back).
     */
    private boolean discard(Batch batch, Discard why, int invokes) throws InterruptedException {
        MappingSettings settings = context.settings();
        LOG.info("mapping {}: {} records given up ({})", settings.uuid(), batch.size(), why.condition);
        if (!context.onFailure().configured()) {
            return true;
        }
        String record = FailureRecord.json(settings, batch, why.condition, invokes, context.clock().instant());
        int failures = 0;
        while (!stopping.getAsBoolean()) {
            try {
                context.onFailure().send(record);
                return true;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures++;
                LOG.warn("mapping {}: OnFailure destination unreachable: {}", settings.uuid(), e.toString());
                waitPolling(timing.backoff(failures));
            }
        }
        return false;
    }

    /**
     * Commits the offsets after {@code batch} for the partitions this consumer still owns. Retries
     * while the cluster is unreachable (reporting it) until it succeeds or the poller closes. A
     * wakeup meant for a poll (close during the invoke) does not stop the commit of a finished batch.
     */
    void commit(Batch batch) throws InterruptedException {
        batch = batch.without(assignments.drainRevoked());
        Map<TopicPartition, OffsetAndMetadata> offsets = batch.nextOffsets();
        offsets.keySet().retainAll(consumer.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        int failures = 0;
        boolean wokenUp = false;
        while (true) {
            try {
                consumer.commitSync(offsets, timing.apiTimeout());
                return;
            } catch (WakeupException e) {
                if (wokenUp) {
                    throw e;
                }
                wokenUp = true;
            } catch (CommitFailedException | RebalanceInProgressException e) {
                LOG.info("mapping {}: partitions moved to another consumer before the commit; they are read again: {}",
                        context.settings().uuid(), e.toString());
                return;
            } catch (RetriableException e) {
                failures++;
                context.status().sourceUnavailable(KafkaPoller.CONNECTION_ERROR);
                if (stopping.getAsBoolean()) {
                    return;
                }
                waitPolling(timing.backoff(failures));
            }
        }
    }

    /**
     * Waits {@code wait} while polling the paused consumer, which keeps the poller in its group. A
     * partition newly given to this consumer is paused too and put back to where it was.
     */
    private void waitPolling(Duration wait) {
        long end = context.clock().millis() + wait.toMillis();
        while (!stopping.getAsBoolean()) {
            long left = end - context.clock().millis();
            if (left <= 0) {
                return;
            }
            ConsumerRecords<byte[], byte[]> stray = consumer.poll(Duration.ofMillis(Math.min(left, 500)));
            for (TopicPartition tp : stray.partitions()) {
                ConsumerRecord<byte[], byte[]> first = stray.records(tp).getFirst();
                consumer.seek(tp, first.offset());
            }
            Set<TopicPartition> unpaused = new HashSet<>(consumer.assignment());
            unpaused.removeAll(consumer.paused());
            if (!unpaused.isEmpty()) {
                consumer.pause(unpaused);
            }
        }
    }
}
