package dev.lamina.logs;

import java.time.Duration;

/**
 * How the log store bounds itself.
 *
 * @param maxStreamBytes the most one function environment may write to its stream; later events are
 *                       dropped and counted, and one line says so
 * @param maxTotalBytes  the most all log data may take on disk; beyond it the oldest segments
 *                       (at most 32 MiB each) are deleted first, whichever group they belong to
 * @param sweepInterval  how often retention and the disk bound are enforced
 */
public record LogSettings(long maxStreamBytes, long maxTotalBytes, Duration sweepInterval) {
    /** What one environment may write to its stream: one runaway function cannot fill the disk bound alone. */
    public static final long DEFAULT_MAX_STREAM_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_TOTAL_BYTES = 10L << 30;
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

    public LogSettings {
        if (maxStreamBytes < 1024) {
            throw new IllegalArgumentException("a log stream may hold at least 1 KiB: " + maxStreamBytes);
        }
        if (maxTotalBytes < 1 << 20) {
            throw new IllegalArgumentException("logs may take at least 1 MiB: " + maxTotalBytes);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("the sweep interval must be positive: " + sweepInterval);
        }
    }
}
