package dev.lamina.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What belongs to a function as a whole rather than to one of its versions.
 *
 * @param reservedConcurrency  PutFunctionConcurrency's value, empty when none is reserved
 * @param lastPublishedVersion the highest version number ever published (0 for none); numbers are
 *                             never reused, even after the version is deleted
 */
public record FunctionRecord(
        FunctionName name,
        Map<String, String> tags,
        OptionalInt reservedConcurrency,
        long lastPublishedVersion,
        Instant createdAt) {

    public FunctionRecord {
        Objects.requireNonNull(name);
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        Objects.requireNonNull(reservedConcurrency);
        if (lastPublishedVersion < 0) {
            throw new IllegalArgumentException("version numbers are not negative");
        }
        Objects.requireNonNull(createdAt);
    }

    public FunctionRecord withTags(Map<String, String> newTags) {
        return new FunctionRecord(name, newTags, reservedConcurrency, lastPublishedVersion, createdAt);
    }

    public FunctionRecord withReservedConcurrency(OptionalInt value) {
        return new FunctionRecord(name, tags, value, lastPublishedVersion, createdAt);
    }

    public FunctionRecord withLastPublishedVersion(long number) {
        return new FunctionRecord(name, tags, reservedConcurrency, number, createdAt);
    }
}
