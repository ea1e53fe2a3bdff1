package dev.lamina.usage;

import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.store.Store;
import dev.lamina.store.usage.UsageBucket;

import java.time.Instant;
import java.util.Optional;

/**
 * Answers usage reports. The store keeps hours, so a report covers whole UTC hours: {@code since}
 * is rounded down to the start of its hour and {@code until} up to the end of its own, and the
 * report says which hours it covers. A report includes every invocation that ended before it was
 * asked for: the meter is flushed first.
 */
public final class UsageReports {
    /** The times a report may name: no usage is older than the epoch, and hours past year 9999 are not meant. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:00:00Z");

    private final Store store;
    private final UsageMeter meter;

    public UsageReports(Store store, UsageMeter meter) {
        this.store = store;
        this.meter = meter;
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
        meter.flush();
        return UsageReport.of(from, to, store.read(tx -> tx.usage().sum(from, to, function)));
    }

    private static void within(String name, Instant at) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw LambdaException.invalidParameter(name + " must be between " + EARLIEST + " and " + LATEST + ": "
                    + at + ".");
        }
    }
}
