package dev.lamina.logs;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** One log group in memory: its directory, its metadata and its streams by name. */
final class GroupFiles {
    final Path dir;
    final ConcurrentHashMap<String, StreamFiles> streams = new ConcurrentHashMap<>();
    private volatile GroupMeta meta;

    GroupFiles(Path dir, GroupMeta meta) {
        this.dir = dir;
        this.meta = meta;
    }

    GroupMeta meta() {
        return meta;
    }

    void meta(GroupMeta value) {
        meta = value;
    }

    long storedBytes() {
        return streams.values().stream().mapToLong(StreamFiles::storedBytes).sum();
    }

    /** Events before this time are past the group's retention and no longer shown. */
    long retentionCutoff(long nowMillis) {
        return meta.retentionInDays().map(days -> nowMillis - days * 86_400_000L).orElse(Long.MIN_VALUE);
    }
}
