package dev.lamina.eventbridge.target;

import java.time.Duration;

/**
 * How long and how often a target's delivery is retried (EventBridge's and Scheduler's RetryPolicy):
 * at most {@code maximumRetryAttempts} retries after the first attempt (0–185), and none once the
 * event is older than {@code maximumEventAge} (60 s–24 h). Then the event goes to the target's
 * dead-letter queue, or is dropped.
 */
public record RetryPolicy(int maximumRetryAttempts, Duration maximumEventAge) {
    /** AWS's default: 185 retries, 24 hours. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(185, Duration.ofHours(24));

    public RetryPolicy {
        if (maximumRetryAttempts < 0) {
            throw new IllegalArgumentException("maximumRetryAttempts < 0");
        }
        if (maximumEventAge.isNegative()) {
            throw new IllegalArgumentException("maximumEventAge < 0");
        }
    }
}
