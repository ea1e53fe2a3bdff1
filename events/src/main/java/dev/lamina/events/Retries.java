package dev.lamina.events;

import java.time.Duration;
import java.time.Instant;

/**
 * Lambda's schedule for asynchronous invocations, scaled by a time factor (1 in production; tests
 * run the schedule in seconds). Function errors (returned errors, timeouts, crashes) are retried
 * after one minute, then two; throttles and platform errors after one second, doubling up to five
 * minutes, for as long as the event is younger than its maximum age.
 */
final class Retries {
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration SECOND_RETRY = Duration.ofMinutes(2);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final double timeScale;

    /** @param timeScale what every wait and age is multiplied by */
    Retries(double timeScale) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("the time scale is positive: " + timeScale);
        }
        this.timeScale = timeScale;
    }

    /** The wait before the next attempt after {@code failedAttempts} function errors (1 or 2). */
    Duration afterFunctionError(int failedAttempts) {
        return scaled(failedAttempts <= 1 ? FIRST_RETRY : SECOND_RETRY);
    }

    /** The wait after the {@code n}th throttle or platform error in a row (from 1). */
    Duration afterThrottle(int n) {
        long factor = 1L << Math.min(20, Math.max(0, n - 1));
        Duration d = FIRST_BACKOFF.multipliedBy(factor);
        return scaled(d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d);
    }

    /** Whether an event received at {@code receivedAt} is older than {@code maxAgeSeconds} at {@code now}. */
    boolean tooOld(Instant receivedAt, Instant now, int maxAgeSeconds) {
        return Duration.between(receivedAt, now).compareTo(scaled(Duration.ofSeconds(maxAgeSeconds))) > 0;
    }

    Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * timeScale));
    }
}
