package dev.lamina.logs;

import java.util.OptionalLong;

/** A log stream as DescribeLogStreams shows it (times in epoch milliseconds). */
public record LogStreamInfo(String name, long creationTime, OptionalLong firstEventTimestamp,
                            OptionalLong lastEventTimestamp, OptionalLong lastIngestionTime, long storedBytes) {
}
