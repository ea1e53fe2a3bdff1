package dev.lamina.events;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the asynchronous side, since the server started. */
public final class AsyncStats {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong discarded = new AtomicLong();
    final AtomicLong deliveryFailures = new AtomicLong();
    final AtomicLong loopsStopped = new AtomicLong();

    /**
     * A snapshot.
     *
     * @param failed           events that went to failure handling (retries exhausted, too old)
     * @param discarded        failed events with nowhere to go (no on-failure destination, no DLQ)
     * @param deliveryFailures destination or dead-letter messages given up on after their retries
     * @param loopsStopped     destination invocations not made because the chain was 16 deep
     */
    public record Snapshot(long accepted, long succeeded, long retried, long throttled, long failed, long discarded,
                           long deliveryFailures, long loopsStopped) {
    }

    public Snapshot snapshot() {
        return new Snapshot(accepted.get(), succeeded.get(), retried.get(), throttled.get(), failed.get(),
                discarded.get(), deliveryFailures.get(), loopsStopped.get());
    }
}
