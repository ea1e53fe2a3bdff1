package dev.lamina.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * One log stream on disk: a directory with {@code stream.json} and segment pieces by hour of event
 * timestamps (see {@link Piece}), so a time range or a tail opens only the pieces it needs and
 * retention and the disk bound delete whole files. Records are appended in arrival order; a piece is
 * sorted by (timestamp, offset) when it is read. Writers hold this object's lock; readers read the
 * files without it and never see a half-written record (see {@link Records}). Forcing to disk holds
 * only {@link #syncLock}, so appends never wait for an fsync.
 */
final class StreamFiles {
    static final long HOUR_MILLIS = 3_600_000L;

    private final Path dir;
    private final String name;
    private final long creationTime;
    private final LongConsumer storedBytesChanged;
    private final TreeMap<Piece, Extent> pieces = new TreeMap<>();
    /** Held by one sync at a time: a sync that returns has forced all that was written before it began. */
    private final Object syncLock = new Object();
    private OptionalLong lastEvent = OptionalLong.empty();
    private OptionalLong lastIngestion = OptionalLong.empty();
    private FileChannel channel;
    private Piece channelPiece;
    private boolean dirty;
    /** Channels of pieces no longer appended to, with data not yet forced; the next sync forces and closes them. */
    private List<FileChannel> retired = new ArrayList<>();
    /** The channel a sync is forcing outside the lock: closing it now would lose that force. */
    private FileChannel forcing;
    /** Entries of the stream's directory (a new piece, a renamed stream.json) are not yet forced. */
    private boolean dirUnsynced;
    private boolean parentUnsynced;
    private boolean deleted;
    private int writers;

    private StreamFiles(Path dir, String name, long creationTime, LongConsumer storedBytesChanged) {
        this.dir = dir;
        this.name = name;
        this.creationTime = creationTime;
        this.storedBytesChanged = storedBytesChanged;
    }

    /**
     * Makes a stream's directory and {@code stream.json}, replaced atomically (its content forced
     * before the rename, so it is never found empty). With {@code durableNow} (CreateLogStream, which
     * answers only once it is durable) the directories are forced at once; otherwise (a function
     * environment's stream, made on the cold-start path) by the next background sync, like the
     * stream's first events: a crash before it loses both, within the store's second.
     */
    static StreamFiles create(Path dir, String name, long creationTime, LongConsumer storedBytesChanged,
                              boolean durableNow) throws IOException {
        Files.createDirectories(dir);
        MetaFiles.write(dir.resolve(MetaFiles.STREAM), new MetaFiles.StreamMeta(name, creationTime), durableNow);
        if (durableNow) {
            MetaFiles.forceDirectory(dir.getParent());
        }
        StreamFiles s = new StreamFiles(dir, name, creationTime, storedBytesChanged);
        s.dirUnsynced = !durableNow;
        s.parentUnsynced = !durableNow;
        return s;
    }

    /**
     * Reads a stream back at start: its pieces' headers (see {@link SegmentFiles#scan}), not their messages.
     *
     * @throws IOException also when stream.json is unreadable (the caller skips the stream)
     */
    static StreamFiles load(Path dir, LongConsumer storedBytesChanged) throws IOException {
        MetaFiles.StreamMeta meta = MetaFiles.read(dir.resolve(MetaFiles.STREAM), MetaFiles.StreamMeta.class);
        if (meta.name() == null) {
            throw new IOException("stream.json has no name");
        }
        StreamFiles s = new StreamFiles(dir, meta.name(), meta.creationTime(), storedBytesChanged);
        Extent all = Extent.EMPTY;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Piece piece = Piece.of(f);
                if (piece != null && Files.isRegularFile(f)) {
                    Extent e = SegmentFiles.scan(f);
                    s.pieces.put(piece, e);
                    all = all.plus(e);
                }
            }
        }
        if (!all.isEmpty()) {
            s.lastEvent = OptionalLong.of(all.maxTimestamp());
            s.lastIngestion = OptionalLong.of(all.maxIngestion());
        }
        storedBytesChanged.accept(all.bytes());
        return s;
    }

    String name() {
        return name;
    }

    /** An event to append: its time and its message, already UTF-8 and within the size limit. */
    record Pending(long timestamp, byte[] message) {
    }

    /**
     * Appends events (any order; each goes to its hour's newest piece, a new one when that is full)
     * with one ingestion time. Each piece's bytes are counted as soon as they are written.
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
            long hour = hourOf(events.get(i));
            Piece piece = target(hour, Records.size(events.get(i).message()));
            Extent before = pieces.getOrDefault(piece, Extent.EMPTY);
            Extent batch = Extent.EMPTY;
            int end = i;
            while (end < events.size() && hourOf(events.get(end)) == hour) {
                int size = Records.size(events.get(end).message());
                if (end > i && before.bytes() + batch.bytes() + size > Piece.MAX_BYTES) {
                    break;
                }
                batch = batch.plus(size, events.get(end).timestamp(), ingestionTime);
                end++;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) batch.bytes());
            for (Pending p : events.subList(i, end)) {
                Records.encode(buffer, p.timestamp(), ingestionTime, p.message());
            }
            writePiece(piece, buffer.flip());
            pieces.put(piece, before.plus(batch));
            storedBytesChanged.accept(batch.bytes());
            written += batch.bytes();
            if (lastEvent.isEmpty() || batch.maxTimestamp() > lastEvent.getAsLong()) {
                lastEvent = OptionalLong.of(batch.maxTimestamp());
            }
            lastIngestion = OptionalLong.of(ingestionTime);
            i = end;
        }
        return written;
    }

    private static long hourOf(Pending p) {
        return Math.floorDiv(p.timestamp(), HOUR_MILLIS);
    }

    /** The hour's newest piece, or the next one if a record of {@code size} would overfill it. */
    private Piece target(long hour, int size) {
        Piece last = pieces.floorKey(new Piece(hour, Integer.MAX_VALUE));
        if (last == null || last.hour() != hour) {
            return new Piece(hour, 0);
        }
        long bytes = pieces.get(last).bytes();
        return bytes > 0 && bytes + size > Piece.MAX_BYTES ? new Piece(hour, last.n() + 1) : last;
    }

    private void writePiece(Piece piece, ByteBuffer records) throws IOException {
        if (channel == null || !channelPiece.equals(piece)) {
            closeChannel();
            dirUnsynced |= !pieces.containsKey(piece);
            channel = SegmentFiles.openForAppend(path(piece));
            channelPiece = piece;
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
        dirty = true;
    }

    private Path path(Piece piece) {
        return dir.resolve(piece.fileName());
    }

    /** The pieces that may hold events in {@code [lo, hi)}, oldest first (a snapshot). */
    synchronized List<Map.Entry<Piece, Extent>> pieces(long lo, long hi) {
        return pieces.entrySet().stream().filter(e -> e.getValue().meets(lo, hi))
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** Every piece, oldest first (a snapshot). */
    synchronized List<Piece> pieces() {
        return new ArrayList<>(pieces.keySet());
    }

    /** One piece's events in stream order; none if it is gone (deleted by the sweeper meanwhile). */
    List<LogEvent> read(Piece piece) {
        return SegmentFiles.read(path(piece), piece);
    }

    /** Forces what was written to disk, quietly: what fails is retried by the next sync. */
    void sync() {
        try {
            force();
        } catch (IOException e) {
            // retried at the next sync
        }
    }

    /**
     * Forces everything written to this stream before the call (events, new pieces' and stream.json's
     * directory entries) to disk. Appends go on meanwhile; they wait only for this object's lock.
     */
    void force() throws IOException {
        synchronized (syncLock) {
            FileChannel current;
            List<FileChannel> old;
            boolean dirs;
            boolean parent;
            synchronized (this) {
                if (deleted) {
                    return;
                }
                current = dirty ? channel : null;
                dirty = false;
                forcing = current;
                old = retired;
                retired = new ArrayList<>();
                dirs = dirUnsynced;
                parent = parentUnsynced;
                dirUnsynced = false;
                parentUnsynced = false;
            }
            ForceBatch.Outcome done = new ForceBatch(current, old, dirs ? dir : null,
                    parent ? dir.getParent() : null).run();
            synchronized (this) {
                forcing = null;
                retired.addAll(done.again());
                dirty |= done.currentFailed() && channel == current;
                if (done.currentFailed() && channel != current) {
                    retired.add(current);
                }
                dirUnsynced |= done.directoriesFailed() && dirs;
                parentUnsynced |= done.directoriesFailed() && parent;
            }
            if (done.failure() != null) {
                throw done.failure();
            }
        }
    }

    /** Whether something written (events, a directory entry) is not yet known to be forced to disk. */
    synchronized boolean hasUnforced() {
        return dirty || !retired.isEmpty() || dirUnsynced || parentUnsynced;
    }

    /**
     * Deletes the pieces of hours before {@code hour}.
     *
     * @return the bytes freed
     */
    synchronized long dropBefore(long hour) throws IOException {
        long freed = 0;
        while (!pieces.isEmpty() && pieces.firstKey().hour() < hour) {
            freed += remove(pieces.firstKey());
        }
        return freed;
    }

    /** Deletes one piece, if it is still there; its bytes are uncounted only once its file is gone. */
    synchronized long drop(Piece piece) throws IOException {
        return pieces.containsKey(piece) ? remove(piece) : 0;
    }

    private long remove(Piece piece) throws IOException {
        if (channel != null && channelPiece.equals(piece)) {
            closeQuietly(channel); // its data is going: nothing to force
            channel = null;
            dirty = false;
        }
        Files.deleteIfExists(path(piece));
        long bytes = pieces.remove(piece).bytes();
        storedBytesChanged.accept(-bytes);
        return bytes;
    }

    synchronized long storedBytes() {
        return pieces.values().stream().mapToLong(Extent::bytes).sum();
    }

    /** Whether the stream holds no pieces, and when it last took events (its creation if never). */
    synchronized boolean isEmpty() {
        return pieces.isEmpty();
    }

    synchronized long lastActivity() {
        return lastIngestion.orElse(creationTime);
    }

    /** A function environment writes to this stream (until {@link #closedForWriting}); see {@link LogStore}. */
    synchronized void openedForWriting() {
        writers++;
    }

    synchronized void closedForWriting() {
        writers--;
    }

    synchronized boolean isOpenForWriting() {
        return writers > 0;
    }

    /** What DescribeLogStreams tells; the first event is that of the oldest piece still kept. */
    synchronized LogStreamInfo info() {
        OptionalLong first = pieces.values().stream().filter(e -> !e.isEmpty())
                .mapToLong(Extent::minTimestamp).min();
        return new LogStreamInfo(name, creationTime, first, lastEvent, lastIngestion, storedBytes());
    }

    /**
     * Deletes the stream if it holds no pieces and no environment writes to it, in one step, so a
     * PutLogEvents either lands first (and the stream stays) or finds it deleted.
     *
     * @return whether it was deleted
     */
    synchronized boolean deleteIfIdleAndEmpty() throws IOException {
        if (!pieces.isEmpty() || writers > 0 || deleted) {
            return false;
        }
        delete();
        return true;
    }

    /** Removes the stream's files; appends after this answer -1. */
    synchronized void delete() throws IOException {
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
        retired.forEach(StreamFiles::closeQuietly);
        retired.clear();
        deleted = true;
        long bytes = storedBytes();
        pieces.clear();
        storedBytesChanged.accept(-bytes);
        SegmentFiles.deleteTree(dir);
    }

    /** Forces what was written and closes the files (the store is closing). */
    void close() {
        sync();
        synchronized (this) {
            if (channel != null) {
                closeQuietly(channel);
                channel = null;
            }
            retired.forEach(StreamFiles::closeQuietly);
            retired.clear();
        }
    }

    /** Stops appending to the current piece; its unforced data goes to the next sync, not an fsync here. */
    private void closeChannel() {
        if (channel != null) {
            if (dirty || channel == forcing) {
                retired.add(channel);
            } else {
                closeQuietly(channel);
            }
            channel = null;
            dirty = false;
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing was pending on it
        }
    }
}
