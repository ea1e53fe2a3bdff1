package dev.lamina.usage;

import dev.lamina.invoke.InvocationObserver;
import dev.lamina.invoke.InvocationSummary;
import dev.lamina.store.Store;
import dev.lamina.store.usage.UsageBucket;
import dev.lamina.store.usage.UsageFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>The invoke path only adds to per-bucket adders in a concurrent map (no lock, no allocation
 * but the bucket's key); {@link #flush} moves what they hold to the store in one transaction, in the
 * background every {@link #FLUSH_INTERVAL} and once more at {@link #close}. Usage is not an
 * acknowledged write: a {@code kill -9} loses at most what ended since the last flush.
 *
 * <p>A bucket stays in the map while its hour is the latest one seen, so the busy path finds it
 * there. A bucket of an earlier hour that a flush found idle is removed, and the next flush takes
 * what it holds once more before dropping it: an invocation that looked the bucket up just before
 * its removal still adds to it, and is counted unless it stalls for a whole flush interval between
 * the look-up and the addition.
 */
public final class UsageMeter implements InvocationObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(10);

    private final Store store;
    private final ConcurrentHashMap<UsageBucket, UsageCounters> pending = new ConcurrentHashMap<>();
    /** The hour invocations last started in, so that the busy path does not compute an Instant each time. */
    private volatile Hour latestHour = new Hour(Instant.EPOCH);
    /**
     * One flush at a time, so that a flush that returns has committed everything that ended before
     * it began, including what a concurrent flush had already taken. Guards {@link #retired}.
     */
    private final ReentrantLock flushing = new ReentrantLock();
    /** Buckets the last flush removed from {@link #pending}: the next flush takes them once more. */
    private List<Map.Entry<UsageBucket, UsageCounters>> retired = List.of();
    /** Runs the background flushes; empty for a meter that writes only when told to. */
    private final Optional<ScheduledExecutorService> scheduler;

    /** An hour, by its first instant. */
    private record Hour(Instant start) {
        boolean contains(Instant at) {
            long s = at.getEpochSecond() - start.getEpochSecond();
            return s >= 0 && s < UsageBucket.HOUR.toSeconds();
        }
    }

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
        UsageBucket bucket = new UsageBucket(s.function(), s.executedVersion(), s.memoryMb(), hourOf(s.startedAt()));
        long billed = s.duration().isZero() ? 0 : s.billedMillis();
        long init = s.init().map(UsageMeter::roundedUpMillis).orElse(0L);
        pending.computeIfAbsent(bucket, b -> new UsageCounters())
                .add(1, billed, Math.multiplyExact(s.memoryMb(), billed), init);
    }

    private Instant hourOf(Instant startedAt) {
        Hour latest = latestHour;
        if (latest.contains(startedAt)) {
            return latest.start();
        }
        Instant hour = UsageBucket.hourOf(startedAt);
        if (hour.isAfter(latest.start())) {
            latestHour = new Hour(hour);
        }
        return hour;
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
            Map<UsageBucket, UsageFigures> taken = take();
            if (taken.isEmpty()) {
                return 0;
            }
            try {
                store.writeUnversioned(tx -> { // no cache reads usage
                    tx.usage().add(taken);
                    return null;
                });
            } catch (RuntimeException e) {
                taken.forEach((bucket, figures) -> pending.computeIfAbsent(bucket, b -> new UsageCounters())
                        .add(figures));
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

    /** Takes every bucket's figures, retires idle buckets of past hours; called holding {@link #flushing}. */
    private Map<UsageBucket, UsageFigures> take() {
        Map<UsageBucket, UsageFigures> taken = new HashMap<>();
        for (Map.Entry<UsageBucket, UsageCounters> e : retired) {
            addNonEmpty(taken, e.getKey(), e.getValue().take());
        }
        List<Map.Entry<UsageBucket, UsageCounters>> retiring = new ArrayList<>();
        Instant current = latestHour.start();
        pending.forEach((bucket, counters) -> {
            UsageFigures figures = counters.take();
            if (!figures.equals(UsageFigures.NONE)) {
                addNonEmpty(taken, bucket, figures);
            } else if (bucket.hour().isBefore(current) && pending.remove(bucket, counters)) {
                retiring.add(Map.entry(bucket, counters));
            }
        });
        retired = retiring;
        return taken;
    }

    private static void addNonEmpty(Map<UsageBucket, UsageFigures> taken, UsageBucket bucket, UsageFigures f) {
        if (!f.equals(UsageFigures.NONE)) {
            taken.merge(bucket, f, UsageFigures::plus);
        }
    }

    /** How many buckets the invoke path can find now (tests). */
    int buckets() {
        return pending.size();
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
