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
 * @param recursiveLoop        PutFunctionRecursionConfig's value
 */
public record FunctionRecord(
        FunctionName name,
        Map<String, String> tags,
        OptionalInt reservedConcurrency,
        long lastPublishedVersion,
        Instant createdAt,
        RecursiveLoop recursiveLoop) {

    /** A function as created: loops are terminated until PutFunctionRecursionConfig says otherwise. */
    public FunctionRecord(FunctionName name, Map<String, String> tags, OptionalInt reservedConcurrency,
                          long lastPublishedVersion, Instant createdAt) {
        this(name, tags, reservedConcurrency, lastPublishedVersion, createdAt, RecursiveLoop.TERMINATE);
    }

    public FunctionRecord {
        Objects.requireNonNull(name);
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        Objects.requireNonNull(reservedConcurrency);
        if (lastPublishedVersion < 0) {
            throw new IllegalArgumentException("version numbers are not negative");
        }
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(recursiveLoop);
    }

    public FunctionRecord withTags(Map<String, String> newTags) {
        return new FunctionRecord(name, newTags, reservedConcurrency, lastPublishedVersion, createdAt, recursiveLoop);
    }

    public FunctionRecord withReservedConcurrency(OptionalInt value) {
        return new FunctionRecord(name, tags, value, lastPublishedVersion, createdAt, recursiveLoop);
    }

    public FunctionRecord withRecursiveLoop(RecursiveLoop value) {
        return new FunctionRecord(name, tags, reservedConcurrency, lastPublishedVersion, createdAt, value);
    }

    public FunctionRecord withLastPublishedVersion(long number) {
        return new FunctionRecord(name, tags, reservedConcurrency, number, createdAt, recursiveLoop);
    }
}
