package dev.lamina.usage;

import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.store.Store;
import dev.lamina.store.usage.UsageBucket;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Answers usage reports. The store keeps hours, so a report covers whole UTC hours: {@code since}
 * is rounded down to the start of its hour and {@code until} up to the end of its own, and the
 * report says which hours it covers. A report includes every invocation that ended before it was
 * asked for: the meter is flushed first, by this report or by one asked for at the same time.
 *
 * <p>Reports flush at most once every {@link #FLUSH_SPACING}: a report asked for sooner after the
 * last one's flush waits for the rest of that second, so that callers looping on the report cost
 * the store one usage write a second, however many they are.
 */
public final class UsageReports {
    /** The times a report may name: no usage is older than the epoch, and hours past year 9999 are not meant. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:00:00Z");

    static final Duration FLUSH_SPACING = Duration.ofSeconds(1);

    private final Store store;
    private final UsageMeter meter;
    private final LongSupplier nanoTime;
    private final LongConsumer sleepNanos;
    /** Guards {@link #lastFlushStarted}; held by the one report that flushes, while it waits and flushes. */
    private final ReentrantLock flushing = new ReentrantLock();
    private long lastFlushStarted;
    private boolean flushedOnce;

    public UsageReports(Store store, UsageMeter meter) {
        this(store, meter, System::nanoTime, UsageReports::sleep);
    }

    /** With the time and the wait injected (tests). */
    UsageReports(Store store, UsageMeter meter, LongSupplier nanoTime, LongConsumer sleepNanos) {
        this.store = store;
        this.meter = meter;
        this.nanoTime = nanoTime;
        this.sleepNanos = sleepNanos;
    }

    /**
     * The usage of the hours from the one {@code since} falls in to the one {@code until} falls in,
     * optionally of one function.
     *
     * @throws LambdaException InvalidParameterValueException when the range is empty or out of bounds
     */
    public UsageReport report(Instant since, Instant until, Optional<FunctionName> function) {
        within("since", since);
        within("until", until);
        if (!since.isBefore(until)) {
            throw LambdaException.invalidParameter("since (" + since + ") must be before until (" + until + ").");
        }
        Instant from = UsageBucket.hourOf(since);
        Instant to = UsageBucket.hourOf(until).equals(until) ? until : UsageBucket.hourOf(until).plus(UsageBucket.HOUR);
        flushForReport();
        return UsageReport.of(from, to, store.read(tx -> tx.usage().sum(from, to, function)));
    }

    /**
     * Flushes the meter unless a flush started after this call did (that flush holds everything this
     * report must include); waits first until {@link #FLUSH_SPACING} has passed since the last one.
     */
    private void flushForReport() {
        long asked = nanoTime.getAsLong();
        flushing.lock();
        try {
            if (flushedOnce && lastFlushStarted - asked >= 0) {
                return;
            }
            if (flushedOnce) {
                long wait = lastFlushStarted + FLUSH_SPACING.toNanos() - nanoTime.getAsLong();
                if (wait > 0) {
                    sleepNanos.accept(wait);
                }
            }
            lastFlushStarted = nanoTime.getAsLong();
            flushedOnce = true;
            meter.flush();
        } finally {
            flushing.unlock();
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to flush usage", e);
        }
    }

    private static void within(String name, Instant at) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw LambdaException.invalidParameter(name + " must be between " + EARLIEST + " and " + LATEST + ": "
                    + at + ".");
        }
    }
}
