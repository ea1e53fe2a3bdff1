package dev.lamina.logs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(GroupFiles.class);
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
     * Reads back every group under {@code root}; never fails because of one group or stream.
     * A directory without its metadata file is what a crash left of a group's or stream's creation
     * (never acknowledged) or deletion (already acknowledged): it is deleted, so its files do not
     * leak. A metadata file that cannot be read (empty or garbage after a crash) is logged and that
     * group or stream skipped, its files kept for a person to look at; creating it again replaces them.
     */
    static List<GroupFiles> loadAll(Path root, LongConsumer storedBytesChanged) throws IOException {
        List<GroupFiles> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                GroupMeta meta;
                try {
                    meta = readMeta(dir, MetaFiles.GROUP, MetaFiles.GroupFile.class).map(MetaFiles.GroupFile::meta)
                            .orElse(null);
                } catch (RuntimeException invalid) {
                    LOG.warn("skipping log group directory {}: its {} is not valid", dir, MetaFiles.GROUP, invalid);
                    continue;
                }
                if (meta == null) {
                    continue;
                }
                GroupFiles g = new GroupFiles(dir, meta);
                try (Stream<Path> streams = Files.list(dir)) {
                    for (Path s : streams.filter(Files::isDirectory).toList()) {
                        if (readMeta(s, MetaFiles.STREAM, MetaFiles.StreamMeta.class).isEmpty()) {
                            continue;
                        }
                        try {
                            StreamFiles files = StreamFiles.load(s, storedBytesChanged);
                            g.streams.put(files.name(), files);
                        } catch (IOException | RuntimeException e) {
                            LOG.warn("skipping log stream directory {}: it cannot be read back", s, e);
                        }
                    }
                }
                out.add(g);
            }
        }
        return out;
    }

    /**
     * A directory's metadata; empty when it has none (the directory is deleted) or it is unreadable (logged).
     */
    private static <T> java.util.Optional<T> readMeta(Path dir, String file, Class<T> type) {
        Path meta = dir.resolve(file);
        try {
            if (!Files.isRegularFile(meta)) {
                LOG.info("deleting {}, left by a crash: it has no {}", dir, file);
                SegmentFiles.deleteTree(dir);
                return java.util.Optional.empty();
            }
            T value = MetaFiles.read(meta, type);
            if (value == null) {
                throw new IOException(file + " is empty");
            }
            return java.util.Optional.of(value);
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping {}: its {} cannot be read", dir, file, e);
            return java.util.Optional.empty();
        }
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
