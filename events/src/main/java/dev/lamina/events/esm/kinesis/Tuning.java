package dev.lamina.events.esm.kinesis;

import java.time.Duration;

/**
 * The poller's own pace, fixed in production and shorter in tests.
 *
 * @param idlePoll          how long a shard with nothing new waits before reading again (Lambda: once a second)
 * @param relist            how often the stream's shards are listed again (resharding)
 * @param sourceBackoffBase the first wait after the source could not be read; it doubles per failure
 * @param sourceBackoffMax  the longest such wait
 * @param closeWait         how long {@code close} waits for the batches in flight
 */
record Tuning(Duration idlePoll, Duration relist, Duration sourceBackoffBase, Duration sourceBackoffMax,
              Duration closeWait) {
    static final Tuning DEFAULTS = new Tuning(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(5));
}
