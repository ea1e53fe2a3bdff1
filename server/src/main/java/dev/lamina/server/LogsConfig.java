package dev.lamina.server;

/**
 * How function logs and PutLogEvents' events are kept.
 *
 * @param maxBytes the most all log data may take on disk; past it the oldest hours are deleted first
 */
public record LogsConfig(long maxBytes) {
    public static final long DEFAULT_MAX_BYTES = 10L << 30;
    public static final long MIN_MAX_BYTES = 1L << 20;

    public LogsConfig {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("logs may take at least 1 MiB (--logs-max-bytes 1m): " + maxBytes);
        }
    }

    public static LogsConfig defaults() {
        return new LogsConfig(DEFAULT_MAX_BYTES);
    }
}
