package dev.lamina.events.esm.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a Kafka poller waits between tries, and how it notices a broker that is gone.
 *
 * @param backoffFirst  the wait after the first failure (a function error, an unreachable broker)
 * @param backoffMax    the longest wait; each failure in a row doubles the wait up to this
 * @param idleProbe     how long the poller may see no record before it asks the cluster for its
 *                      topics, which is how a broker that is down shows (a consumer's poll never fails)
 * @param apiTimeout    the bound of one blocking call to the cluster (commit, topic list, group offsets)
 * @param closeTimeout  how long close waits for the consumer thread to finish its batch and leave the group
 */
record KafkaTiming(Duration backoffFirst, Duration backoffMax, Duration idleProbe, Duration apiTimeout,
                   Duration closeTimeout) {

    /** Lambda's order of magnitude: retries start at a second and back off to a minute at most. */
    static final KafkaTiming DEFAULT = new KafkaTiming(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

    KafkaTiming {
        Objects.requireNonNull(backoffFirst);
        Objects.requireNonNull(backoffMax);
        Objects.requireNonNull(idleProbe);
        Objects.requireNonNull(apiTimeout);
        Objects.requireNonNull(closeTimeout);
    }

    /** The wait after {@code failures} failures in a row (1 for the first). */
    Duration backoff(int failures) {
        long first = backoffFirst.toMillis();
        long wait = first << Math.min(Math.max(failures - 1, 0), 20);
        return Duration.ofMillis(Math.min(wait, backoffMax.toMillis()));
    }
}
