package dev.lamina.logs;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is kept about a log group besides its events, in {@code group.json} in the group's directory.
 *
 * @param retentionInDays empty: events never expire
 * @param kmsKeyId        recorded as given to CreateLogGroup; Lamina does not encrypt with it
 * @param origin          who made the group: CreateLogGroup, or a function's first write
 */
public record GroupMeta(String name, long creationTime, Optional<Integer> retentionInDays, Optional<String> kmsKeyId,
                        Map<String, String> tags, Origin origin) {
    public enum Origin { CREATE_LOG_GROUP, FUNCTION }

    public GroupMeta {
        Objects.requireNonNull(name);
        Objects.requireNonNull(retentionInDays);
        Objects.requireNonNull(kmsKeyId);
        tags = Map.copyOf(tags);
        Objects.requireNonNull(origin);
    }

    GroupMeta withTags(Map<String, String> newTags) {
        return new GroupMeta(name, creationTime, retentionInDays, kmsKeyId, newTags, origin);
    }

    GroupMeta withRetention(Optional<Integer> days) {
        return new GroupMeta(name, creationTime, days, kmsKeyId, tags, origin);
    }
}
