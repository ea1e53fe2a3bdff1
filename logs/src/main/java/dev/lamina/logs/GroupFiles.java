package dev.lamina.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/** One log group in memory: its directory, its metadata and its streams by name. */
final class GroupFiles {
    final Path dir;
    final ConcurrentHashMap<String, StreamFiles> streams = new ConcurrentHashMap<>();
    private volatile GroupMeta meta;

    GroupFiles(Path dir, GroupMeta meta) {
        this.dir = dir;
        this.meta = meta;
    }

    /** Makes a group's directory and metadata, first clearing what a crash may have left there. */
    static GroupFiles create(Path dir, GroupMeta meta) throws IOException {
        SegmentFiles.deleteTree(dir);
        Files.createDirectories(dir);
        MetaFiles.write(dir.resolve(MetaFiles.GROUP), MetaFiles.GroupFile.of(meta));
        return new GroupFiles(dir, meta);
    }

    /** @param durableNow see {@link StreamFiles#create} */
    StreamFiles createStream(String name, String directory, long creationTime, LongConsumer storedBytesChanged,
                             boolean durableNow) throws IOException {
        Path streamDir = dir.resolve(directory);
        SegmentFiles.deleteTree(streamDir);
        StreamFiles s = StreamFiles.create(streamDir, name, creationTime, storedBytesChanged, durableNow);
        streams.put(name, s);
        return s;
    }

    /**
     * Reads back every group under {@code root}. A directory without its metadata file is a group
     * whose creation (or deletion) a crash interrupted: it was never acknowledged (or is gone) and is skipped.
     */
    static List<GroupFiles> loadAll(Path root, LongConsumer storedBytesChanged) throws IOException {
        List<GroupFiles> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path meta = dir.resolve(MetaFiles.GROUP);
                if (!Files.isRegularFile(meta)) {
                    continue;
                }
                GroupFiles g = new GroupFiles(dir, MetaFiles.read(meta, MetaFiles.GroupFile.class).meta());
                try (Stream<Path> streams = Files.list(dir)) {
                    for (Path s : streams.filter(p -> Files.isRegularFile(p.resolve(MetaFiles.STREAM))).toList()) {
                        StreamFiles files = StreamFiles.load(s, storedBytesChanged);
                        g.streams.put(files.name(), files);
                    }
                }
                out.add(g);
            }
        }
        return out;
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
