package dev.lamina.usage;

import dev.lamina.invoke.InvocationObserver;
import dev.lamina.invoke.InvocationSummary;
import dev.lamina.store.Store;
import dev.lamina.store.usage.UsageBucket;
import dev.lamina.store.usage.UsageFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Meters what each invocation is billed, as Lambda bills it: every invocation that ran is a request,
 * failed and timed-out ones included, and is billed its REPORT line's Billed Duration × its memory
 * size; a throttled invocation never ran and is not counted. The init duration is added up apart
 * and not billed, as Lamina's REPORT line leaves it out of Billed Duration (AWS bills it since
 * August 2025). An invocation whose environment could not start had no invoke phase and no REPORT
 * line: it is a request billed nothing.
 *
 * <p>The invoke path only adds to a small in-memory map; {@link #flush} moves what it holds to the
 * store in one transaction, in the background every {@link #FLUSH_INTERVAL} and once more at
 * {@link #close}. Usage is not an acknowledged write: a {@code kill -9} loses at most what ended
 * since the last flush.
 */
public final class UsageMeter implements InvocationObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(10);

    private final Store store;
    /** Guards {@link #pending}: held for one map update on the invoke path, or to swap the map out. */
    private final ReentrantLock adding = new ReentrantLock();
    /**
     * One flush at a time, so that a flush that returns has committed everything that ended before
     * it began, including what a concurrent flush had already taken.
     */
    private final ReentrantLock flushing = new ReentrantLock();
    private Map<UsageBucket, UsageFigures> pending = new HashMap<>();
    /** Runs the background flushes; empty for a meter that writes only when told to. */
    private final Optional<ScheduledExecutorService> scheduler;

    private UsageMeter(Store store, Optional<ScheduledExecutorService> scheduler) {
        this.store = store;
        this.scheduler = scheduler;
    }

    /** A meter that writes only when {@link #flush} is called (tests). */
    UsageMeter(Store store) {
        this(store, Optional.empty());
    }

    /** A meter that flushes to {@code store} every {@code interval} on a thread of its own, until closed. */
    public static UsageMeter start(Store store, Duration interval) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lamina-usage").daemon().factory());
        UsageMeter meter = new UsageMeter(store, Optional.of(scheduler));
        scheduler.scheduleWithFixedDelay(meter::flushQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return meter;
    }

    @Override
    public void ended(InvocationSummary s) {
        // The hour the invocation started in, as the REPORT line's START: where it lands in the report.
        UsageBucket bucket = new UsageBucket(s.function(), s.executedVersion(), s.memoryMb(),
                UsageBucket.hourOf(s.startedAt()));
        long billed = s.duration().isZero() ? 0 : s.billedMillis();
        long init = s.init().map(UsageMeter::roundedUpMillis).orElse(0L);
        UsageFigures figures = UsageFigures.invocation(s.memoryMb(), billed, init);
        adding.lock();
        try {
            pending.merge(bucket, figures, UsageFigures::plus);
        } finally {
            adding.unlock();
        }
    }

    /**
     * Writes everything metered so far in one transaction. When the write fails, what it held is kept
     * for the next flush and the failure is thrown.
     *
     * @return how many buckets were written
     */
    public int flush() {
        flushing.lock();
        try {
            Map<UsageBucket, UsageFigures> taken = takePending();
            if (taken.isEmpty()) {
                return 0;
            }
            try {
                store.write(tx -> {
                    tx.usage().add(taken);
                    return null;
                });
            } catch (RuntimeException e) {
                giveBack(taken);
                throw e;
            }
            return taken.size();
        } finally {
            flushing.unlock();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("could not write the usage report's figures; they are kept for the next try", e);
        }
    }

    private Map<UsageBucket, UsageFigures> takePending() {
        adding.lock();
        try {
            Map<UsageBucket, UsageFigures> taken = pending;
            pending = new HashMap<>();
            return taken;
        } finally {
            adding.unlock();
        }
    }

    private void giveBack(Map<UsageBucket, UsageFigures> taken) {
        adding.lock();
        try {
            taken.forEach((bucket, figures) -> pending.merge(bucket, figures, UsageFigures::plus));
        } finally {
            adding.unlock();
        }
    }

    static long roundedUpMillis(Duration d) {
        return Math.ceilDiv(d.toNanos(), 1_000_000L);
    }

    /** Stops the background flushes and writes what is left: call it after the last invocation ended. */
    @Override
    public void close() {
        scheduler.ifPresent(s -> {
            s.shutdown();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        flushQuietly();
    }
}
