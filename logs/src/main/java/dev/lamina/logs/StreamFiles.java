package dev.lamina.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * One log stream on disk: a directory with {@code stream.json} and one segment file per hour of event
 * timestamps ({@code <epoch hour>.seg}), so a time range or a tail opens only the hours it needs and
 * retention and the disk bound delete whole files. Records are appended in arrival order; a segment
 * is sorted by (timestamp, offset) when it is read. Writers hold this object's lock; readers read the
 * files without it and never see a half-written record (see {@link Records}).
 */
final class StreamFiles {
    static final long HOUR_MILLIS = 3_600_000L;

    private final Path dir;
    private final String name;
    private final long creationTime;
    private final LongConsumer storedBytesChanged;
    private final TreeMap<Long, Long> segmentBytes = new TreeMap<>();
    private OptionalLong firstEvent = OptionalLong.empty();
    private OptionalLong lastEvent = OptionalLong.empty();
    private OptionalLong lastIngestion = OptionalLong.empty();
    private FileChannel channel;
    private long channelHour;
    private boolean dirty;
    private boolean metaUnsynced;
    private boolean deleted;

    private StreamFiles(Path dir, String name, long creationTime, LongConsumer storedBytesChanged) {
        this.dir = dir;
        this.name = name;
        this.creationTime = creationTime;
        this.storedBytesChanged = storedBytesChanged;
    }

    /**
     * Makes a stream's directory and {@code stream.json}, replaced atomically. With {@code durableNow}
     * (CreateLogStream, which answers only once it is durable) the file is forced to disk at once;
     * otherwise (a function environment's stream, made on the cold-start path) by the next background
     * sync, like the stream's first events: a crash before it loses both, within the store's second.
     */
    static StreamFiles create(Path dir, String name, long creationTime, LongConsumer storedBytesChanged,
                              boolean durableNow) throws IOException {
        Files.createDirectories(dir);
        MetaFiles.write(dir.resolve(MetaFiles.STREAM), new MetaFiles.StreamMeta(name, creationTime), durableNow);
        StreamFiles s = new StreamFiles(dir, name, creationTime, storedBytesChanged);
        s.metaUnsynced = !durableNow;
        return s;
    }

    /** Reads a stream back at start: its segments, and the times of its first and last events. */
    static StreamFiles load(Path dir, LongConsumer storedBytesChanged) throws IOException {
        MetaFiles.StreamMeta meta = MetaFiles.read(dir.resolve(MetaFiles.STREAM), MetaFiles.StreamMeta.class);
        StreamFiles s = new StreamFiles(dir, meta.name(), meta.creationTime(), storedBytesChanged);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                long hour = SegmentFiles.hourOf(f);
                if (hour >= 0) {
                    s.segmentBytes.put(hour, Files.size(f));
                }
            }
        }
        storedBytesChanged.accept(s.storedBytes());
        if (!s.segmentBytes.isEmpty()) {
            List<LogEvent> last = s.read(s.segmentBytes.lastKey());
            if (!last.isEmpty()) {
                s.lastEvent = OptionalLong.of(last.getLast().timestamp());
                s.lastIngestion = OptionalLong.of(last.stream().mapToLong(LogEvent::ingestionTime).max().orElseThrow());
            }
        }
        return s;
    }

    String name() {
        return name;
    }

    /** An event to append: its time and its message, already UTF-8 and within the size limit. */
    record Pending(long timestamp, byte[] message) {
    }

    /**
     * Appends events (any order; each goes to its hour's segment) with one ingestion time.
     *
     * @return the bytes written, or -1 when this stream was deleted meanwhile (the caller opens it anew)
     */
    synchronized long append(List<Pending> events, long ingestionTime) throws IOException {
        if (deleted) {
            return -1;
        }
        long written = 0;
        int i = 0;
        while (i < events.size()) {
            long hour = Math.floorDiv(events.get(i).timestamp(), HOUR_MILLIS);
            int end = i;
            int bytes = 0;
            while (end < events.size() && Math.floorDiv(events.get(end).timestamp(), HOUR_MILLIS) == hour) {
                bytes += Records.size(events.get(end).message());
                end++;
            }
            ByteBuffer buffer = ByteBuffer.allocate(bytes);
            for (Pending p : events.subList(i, end)) {
                Records.encode(buffer, p.timestamp(), ingestionTime, p.message());
            }
            writeSegment(hour, buffer.flip());
            written += bytes;
            for (Pending p : events.subList(i, end)) {
                noteEvent(p.timestamp());
            }
            i = end;
        }
        lastIngestion = OptionalLong.of(ingestionTime);
        storedBytesChanged.accept(written);
        return written;
    }

    private void noteEvent(long timestamp) {
        if (firstEvent.isEmpty() || timestamp < firstEvent.getAsLong()) {
            firstEvent = OptionalLong.of(timestamp);
        }
        if (lastEvent.isEmpty() || timestamp > lastEvent.getAsLong()) {
            lastEvent = OptionalLong.of(timestamp);
        }
    }

    private void writeSegment(long hour, ByteBuffer records) throws IOException {
        if (channel == null || channelHour != hour) {
            closeChannel();
            SegmentFiles.Appendable opened = SegmentFiles.openForAppend(segment(hour));
            channel = opened.channel();
            channelHour = hour;
            if (opened.cut() > 0) {
                segmentBytes.merge(hour, -opened.cut(), Long::sum);
                storedBytesChanged.accept(-opened.cut());
            }
        }
        long validEnd = channel.size();
        try {
            while (records.hasRemaining()) {
                channel.write(records);
            }
        } catch (IOException e) {
            // A short write leaves a partial record; cut it off so later appends stay readable.
            channel.truncate(validEnd);
            throw e;
        }
        segmentBytes.merge(hour, (long) records.limit(), Long::sum);
        dirty = true;
    }

    Path segment(long hour) {
        return dir.resolve(SegmentFiles.name(hour));
    }

    /** The hours this stream has segments for, oldest first (a snapshot). */
    synchronized List<Long> hours() {
        return new ArrayList<>(segmentBytes.keySet());
    }

    /** One hour's events in stream order; none if the segment is gone (deleted by the sweeper meanwhile). */
    List<LogEvent> read(long hour) {
        return SegmentFiles.read(segment(hour));
    }

    synchronized void sync() {
        if (metaUnsynced && !deleted) {
            try {
                MetaFiles.force(dir.resolve(MetaFiles.STREAM));
                MetaFiles.forceDirectory(dir);
                MetaFiles.forceDirectory(dir.getParent());
                metaUnsynced = false;
            } catch (IOException e) {
                // retried at the next sync
            }
        }
        if (dirty && channel != null) {
            try {
                channel.force(false);
                dirty = false;
            } catch (IOException e) {
                // retried at the next sync
            }
        }
    }

    /**
     * Deletes the segments of hours before {@code hour}.
     *
     * @return the bytes freed
     */
    synchronized long dropBefore(long hour) throws IOException {
        long freed = 0;
        while (!segmentBytes.isEmpty() && segmentBytes.firstKey() < hour) {
            long h = segmentBytes.firstKey();
            if (channel != null && channelHour == h) {
                closeChannel();
            }
            Files.deleteIfExists(segment(h));
            freed += segmentBytes.remove(h);
            firstEvent = OptionalLong.empty();
        }
        if (freed > 0) {
            storedBytesChanged.accept(-freed);
        }
        return freed;
    }

    /** The oldest hour this stream holds, if any. */
    synchronized OptionalLong oldestHour() {
        return segmentBytes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(segmentBytes.firstKey());
    }

    synchronized long storedBytes() {
        return segmentBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What DescribeLogStreams tells; the first event is looked up again after old segments were deleted. */
    LogStreamInfo info() {
        OptionalLong first;
        List<Long> hours;
        synchronized (this) {
            first = firstEvent;
            hours = new ArrayList<>(segmentBytes.keySet());
        }
        for (int i = 0; first.isEmpty() && i < hours.size(); i++) {
            List<LogEvent> events = read(hours.get(i));
            if (!events.isEmpty()) {
                first = OptionalLong.of(events.getFirst().timestamp());
            }
        }
        synchronized (this) {
            if (firstEvent.isEmpty()) {
                firstEvent = first;
            }
            return new LogStreamInfo(name, creationTime, first, lastEvent, lastIngestion, storedBytes());
        }
    }

    /** Removes the stream's files; appends after this answer -1. */
    synchronized void delete() throws IOException {
        closeChannel();
        deleted = true;
        long bytes = storedBytes();
        segmentBytes.clear();
        storedBytesChanged.accept(-bytes);
        SegmentFiles.deleteTree(dir);
    }

    synchronized void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                if (dirty) {
                    channel.force(false);
                }
                channel.close();
            } catch (IOException e) {
                // the data was written; only its durability is in question, as after a crash
            }
            channel = null;
            dirty = false;
        }
    }
}
