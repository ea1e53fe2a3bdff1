package dev.lamina.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Log groups and streams on disk, written by function environments ({@link #open}) and by
 * PutLogEvents, read by the Logs API. Layout: {@code <root>/<group hash>/group.json} and
 * {@code <root>/<group hash>/<stream hash>/} with {@code stream.json} and segments by hour and size
 * (see {@link StreamFiles}, {@link Piece}); directories are named by a hash of the name, so any name
 * is one short, safe path segment. Appends reach the operating system at once (readers see them);
 * function output is forced to disk by a background sync every second (a crash loses at most about
 * the last second of it), PutLogEvents' events before {@link #put} returns.
 * Creating and deleting groups and streams is serialised on one lock; appends lock only their stream.
 */
public final class LogStore implements AutoCloseable {
    static final Duration FSYNC_INTERVAL = Duration.ofSeconds(1);

    private final Path root;
    private final LogSettings settings;
    private final InstantSource clock;
    private final Map<String, GroupFiles> groups = new ConcurrentHashMap<>();
    private final AtomicLong totalBytes = new AtomicLong();
    private final Sweeper sweeper;
    private final Object structure = new Object();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lamina-log-store").daemon().factory());

    /** Opens the store in {@code root}, reading back the groups and streams already there. */
    public LogStore(Path root, LogSettings settings, InstantSource clock) {
        this.root = root;
        this.settings = settings;
        this.clock = clock;
        this.sweeper = new Sweeper(settings.maxTotalBytes(), totalBytes, groups.values(), clock, background,
                this::forgetIfIdle);
        try {
            Files.createDirectories(root);
            GroupFiles.loadAll(root, totalBytes::addAndGet).forEach(g -> groups.put(g.meta().name(), g));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        background.scheduleWithFixedDelay(this::syncAll, FSYNC_INTERVAL.toMillis(), FSYNC_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        long sweep = settings.sweepInterval().toMillis();
        background.scheduleWithFixedDelay(sweeper::sweepQuietly, 0, sweep, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a function environment's stream for appending, creating the group (as a function's, the
     * way Lambda creates {@code /aws/lambda/<name>}) and the stream if they do not exist. Close it
     * when the environment ends.
     */
    public LogStream open(String group, String stream) {
        try {
            return new LogStream(this, group, stream, writable(group, stream), settings.maxStreamBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StreamFiles writable(String group, String stream) throws IOException {
        synchronized (structure) {
            GroupFiles g = groups.get(group);
            if (g == null) {
                g = createGroupFiles(new GroupMeta(group, clock.millis(), Optional.empty(), Optional.empty(), Map.of(),
                        GroupMeta.Origin.FUNCTION));
            }
            StreamFiles s = g.streams.get(stream);
            s = s != null ? s : createStreamFiles(g, stream, false);
            s.openedForWriting(); // under the structure lock, so the sweeper never forgets a stream being opened
            return s;
        }
    }

    /** @throws LogResourceException ALREADY_EXISTS when there is a group of that name */
    public GroupMeta createGroup(String name, Optional<String> kmsKeyId, Map<String, String> tags) {
        synchronized (structure) {
            if (groups.containsKey(name)) {
                throw new LogResourceException(LogResourceException.Kind.ALREADY_EXISTS,
                        "The specified log group already exists");
            }
            GroupMeta meta = new GroupMeta(name, clock.millis(), Optional.empty(), kmsKeyId, tags,
                    GroupMeta.Origin.CREATE_LOG_GROUP);
            io(() -> createGroupFiles(meta));
            return meta;
        }
    }

    private GroupFiles createGroupFiles(GroupMeta meta) throws IOException {
        GroupFiles g = GroupFiles.create(root.resolve(directoryName(meta.name())), meta);
        groups.put(meta.name(), g);
        return g;
    }

    private StreamFiles createStreamFiles(GroupFiles g, String stream, boolean durableNow) throws IOException {
        return g.createStream(stream, directoryName(stream), clock.millis(), totalBytes::addAndGet, durableNow);
    }

    /**
     * Removes a stream that holds no events and that no environment writes to (the sweeper's choice:
     * expired or emptied by the disk bound), so streams of past cold starts do not pile up forever.
     */
    private void forgetIfIdle(GroupFiles g, StreamFiles s) {
        synchronized (structure) {
            try {
                if (g.streams.get(s.name()) == s && s.deleteIfIdleAndEmpty()) {
                    g.streams.remove(s.name(), s);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes a group with all its streams and events. */
    public void deleteGroup(String name) {
        synchronized (structure) {
            GroupFiles g = groups.get(name);
            if (g == null) {
                throw LogResourceException.noGroup();
            }
            try {
                // The metadata goes first: a crash halfway leaves a directory that is no group.
                // deleteIfExists: a group.json a crash left unreadable or missing must not make this fail.
                Files.deleteIfExists(g.dir.resolve(MetaFiles.GROUP));
                MetaFiles.forceDirectory(g.dir);
                for (StreamFiles s : g.streams.values()) {
                    s.delete();
                }
                SegmentFiles.deleteTree(g.dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                groups.remove(name);
            }
        }
    }

    public Optional<LogGroupInfo> group(String name) {
        return Optional.ofNullable(groups.get(name)).map(g -> new LogGroupInfo(g.meta(), g.storedBytes()));
    }

    /** Every group, by name. */
    public List<LogGroupInfo> groups() {
        return groups.values().stream().map(g -> new LogGroupInfo(g.meta(), g.storedBytes()))
                .sorted(Comparator.comparing(i -> i.meta().name())).toList();
    }

    /** Sets (a number of days) or removes (empty) a group's retention; expired data goes at once. */
    public void putRetention(String group, Optional<Integer> days) {
        synchronized (structure) {
            GroupFiles g = existing(group);
            GroupMeta meta = g.meta().withRetention(days);
            io(() -> MetaFiles.write(g.dir.resolve(MetaFiles.GROUP), MetaFiles.GroupFile.of(meta)));
            g.meta(meta);
        }
        sweeper.soon();
    }

    /**
     * Replaces a group's tags with what {@code change} makes of them, atomically with respect to other
     * changes of the group; {@code change} may throw to refuse (nothing is changed then).
     *
     * @throws LogResourceException NOT_FOUND without the group
     */
    public void changeTags(String group, UnaryOperator<Map<String, String>> change) {
        synchronized (structure) {
            GroupFiles g = existing(group);
            GroupMeta meta = g.meta().withTags(change.apply(g.meta().tags()));
            io(() -> MetaFiles.write(g.dir.resolve(MetaFiles.GROUP), MetaFiles.GroupFile.of(meta)));
            g.meta(meta);
        }
    }

    /** @throws LogResourceException NOT_FOUND without the group, ALREADY_EXISTS when the stream exists */
    public void createStream(String group, String stream) {
        synchronized (structure) {
            GroupFiles g = existing(group);
            if (g.streams.containsKey(stream)) {
                throw new LogResourceException(LogResourceException.Kind.ALREADY_EXISTS,
                        "The specified log stream already exists");
            }
            io(() -> createStreamFiles(g, stream, true));
        }
    }

    public void deleteStream(String group, String stream) {
        synchronized (structure) {
            GroupFiles g = existing(group);
            StreamFiles s = g.streams.remove(stream);
            if (s == null) {
                throw LogResourceException.noStream();
            }
            io(() -> s.delete());
        }
    }

    /** The group's streams, in no particular order. */
    public List<LogStreamInfo> streams(String group) {
        return existing(group).streams.values().stream().map(StreamFiles::info).toList();
    }

    /** The names of the group's streams. */
    public List<String> streamNames(String group) {
        return List.copyOf(existing(group).streams.keySet());
    }

    /** A reader of one stream, showing only events within the group's retention. */
    public StreamReader reader(String group, String stream) {
        GroupFiles g = existing(group);
        StreamFiles s = g.streams.get(stream);
        if (s == null) {
            throw LogResourceException.noStream();
        }
        return new StreamReader(s, g.retentionCutoff(clock.millis()));
    }

    /**
     * The time before which the group's events are expired by its retention ({@code Long.MIN_VALUE}
     * without one): what PutLogEvents refuses as expired.
     *
     * @throws LogResourceException NOT_FOUND without the group
     */
    public long retentionCutoff(String group) {
        return existing(group).retentionCutoff(clock.millis());
    }

    /** An event PutLogEvents stores; messages longer than CloudWatch's 1 MiB limit are cut. */
    public record Event(long timestamp, String message) {
    }

    /**
     * Appends PutLogEvents' accepted events to an existing stream and forces them to disk before it
     * returns, so an acknowledged PutLogEvents survives a crash (function output is forced every second).
     *
     * @throws LogResourceException NOT_FOUND without the group or the stream
     * @throws UncheckedIOException when the events could not be written or forced
     */
    public void put(String group, String stream, List<Event> events) {
        GroupFiles g = existing(group);
        StreamFiles s = g.streams.get(stream);
        if (s == null) {
            throw LogResourceException.noStream();
        }
        List<StreamFiles.Pending> pending = events.stream()
                .map(e -> new StreamFiles.Pending(e.timestamp(), LogStream.utf8(e.message()))).toList();
        try {
            if (s.append(pending, clock.millis()) < 0) {
                throw LogResourceException.noStream(); // deleted while we were at it
            }
            s.force();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        afterAppend();
    }

    /** Called after every append: past the disk bound, a sweep is due now, not at the next interval. */
    void afterAppend() {
        sweeper.soonIfOverBound();
    }

    /** A stream's files, for tests of what is on disk. */
    StreamFiles files(String group, String stream) {
        StreamFiles s = existing(group).streams.get(stream);
        if (s == null) {
            throw LogResourceException.noStream();
        }
        return s;
    }

    private GroupFiles existing(String group) {
        GroupFiles g = groups.get(group);
        if (g == null) {
            throw LogResourceException.noGroup();
        }
        return g;
    }

    /** Enforces retention and the disk bound now (the background does it every sweep interval). */
    public void sweep() {
        sweeper.sweep();
    }

    /** The bytes all log data takes on disk. */
    public long storedBytes() {
        return totalBytes.get();
    }

    void syncAll() {
        for (GroupFiles g : groups.values()) {
            g.streams.values().forEach(StreamFiles::sync);
        }
    }

    /**
     * The directory a group or stream is kept in: 32 hex digits of the SHA-256 of its name, so that
     * any name is a short, safe path segment (names are up to 512 characters of nearly anything).
     */
    public static String directoryName(String name) {
        return MetaFiles.directoryName(name);
    }

    /** Something the store does on disk; a failing disk is the caller's failure, unchecked. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lets a sync or sweep in progress finish (interrupting one could close a file mid-{@code force}),
     * then forces and closes every stream.
     */
    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (GroupFiles g : groups.values()) {
            g.streams.values().forEach(StreamFiles::close);
        }
    }
}
