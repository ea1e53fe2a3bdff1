package dev.lamina.store.usage;

import dev.lamina.model.FunctionName;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where usage is added up: one function version at one memory size in one UTC hour. Memory is part
 * of the bucket because $LATEST can change its memory size within an hour, and GB-seconds must
 * multiply each invocation's duration by the memory it actually ran with.
 *
 * @param version "$LATEST" or a version number, as the REPORT line's START names it
 * @param hour    the first instant of the hour (a whole number of hours since the epoch)
 */
public record UsageBucket(FunctionName function, String version, int memoryMb, Instant hour) {
    public static final Duration HOUR = Duration.ofHours(1);

    public UsageBucket {
        Objects.requireNonNull(function);
        Objects.requireNonNull(version);
        Objects.requireNonNull(hour);
        if (memoryMb <= 0) {
            throw new IllegalArgumentException("memory must be positive: " + memoryMb);
        }
        if (hour.getNano() != 0 || hour.getEpochSecond() % HOUR.toSeconds() != 0) {
            throw new IllegalArgumentException("not the start of an hour: " + hour);
        }
    }

    /** The hour {@code at} falls in. */
    public static Instant hourOf(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), HOUR.toSeconds()) * HOUR.toSeconds());
    }
}
