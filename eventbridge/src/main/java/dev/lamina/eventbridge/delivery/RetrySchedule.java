package dev.lamina.eventbridge.delivery;

import dev.lamina.eventbridge.target.RetryPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What becomes of a delivery after a failed attempt: tried again after an exponential backoff with
 * jitter (about 1 s, doubling up to 5 minutes, each wait drawn between half and all of that), or
 * given up on, under the target's RetryPolicy: at most MaximumRetryAttempts retries, and none that
 * would start after the event is MaximumEventAgeInSeconds old. A failure that is not retryable is
 * given up on at once, with no exhausted condition. Waits and ages are multiplied by {@code scale}
 * (1 on a server; tests make them short).
 */
final class RetrySchedule {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(5);

    /** Try again at {@code at}; or give up, with EXHAUSTED_RETRY_CONDITION if a limit ended it. */
    sealed interface Decision {
    }

    record Retry(Instant at) implements Decision {
    }

    /** @param condition {@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds}; empty for a permanent failure */
    record GiveUp(Optional<String> condition) implements Decision {
    }

    private final double scale;
    private final DoubleSupplier random;

    /** @param random a number in [0, 1) per call: the jitter */
    RetrySchedule(double scale, DoubleSupplier random) {
        this.scale = scale;
        this.random = random;
    }

    /**
     * @param failedAttempts attempts made so far, all failed, the last one included (1 after the first)
     */
    Decision after(TargetFailure failure, int failedAttempts, Instant acceptedAt, Instant now, RetryPolicy policy) {
        if (!failure.retryable()) {
            return new GiveUp(Optional.empty());
        }
        if (failedAttempts - 1 >= policy.maximumRetryAttempts()) {
            return new GiveUp(Optional.of("MaximumRetryAttempts"));
        }
        Instant next = now.plus(backoff(failedAttempts));
        if (next.isAfter(acceptedAt.plus(scaled(policy.maximumEventAge())))) {
            return new GiveUp(Optional.of("MaximumEventAgeInSeconds"));
        }
        return new Retry(next);
    }

    /** The wait after the {@code n}th failed attempt in a row (from 1). */
    Duration backoff(int n) {
        Duration ceiling = FIRST.multipliedBy(1L << Math.min(20, Math.max(0, n - 1)));
        if (ceiling.compareTo(MAX) > 0) {
            ceiling = MAX;
        }
        double jittered = ceiling.toNanos() * (0.5 + 0.5 * random.getAsDouble());
        return scaled(Duration.ofNanos((long) jittered));
    }

    private Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * scale));
    }
}
