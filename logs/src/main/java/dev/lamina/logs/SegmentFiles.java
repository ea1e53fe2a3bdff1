package dev.lamina.logs;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The files of the store: segment pieces (see {@link Piece}) and directory trees. */
final class SegmentFiles {
    private SegmentFiles() {
    }

    /**
     * A piece's events in stream order; none if the file is gone (deleted by the sweeper meanwhile).
     * A piece is at most {@link Piece#MAX_BYTES} plus one record, so this is bounded.
     */
    static List<LogEvent> read(Path file, Piece piece) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LogEvent> events = new ArrayList<>(Records.decode(data, data.length, piece.offsetBase()).events());
        events.sort(LogEvent.ORDER);
        return events;
    }

    /**
     * Reads a piece back at start, once per file and process: its records' headers only (times, not
     * messages), then the last record whole to check it. What a crash left incomplete or unchecked at
     * the end is cut off the file here, so appends never need to look at what is already there.
     */
    static Extent scan(Path file) throws IOException {
        while (true) {
            long size = Files.size(file);
            Extent before = Extent.EMPTY;
            Extent all = Extent.EMPTY;
            long offset = 0;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                while (size - offset >= Records.OVERHEAD) {
                    int body = in.readInt();
                    if (!Records.plausibleBody(body) || body > size - offset - Records.HEADER) {
                        break;
                    }
                    long timestamp = in.readLong();
                    long ingestion = in.readLong();
                    in.skipNBytes(body - 16);
                    before = all;
                    all = all.plus(Records.HEADER + body, timestamp, ingestion);
                    offset += Records.HEADER + body;
                }
            } catch (EOFException shorterThanListed) {
                // the file shrank meanwhile: what was read stands, the tail check below decides
            }
            long lastStart = before.bytes();
            if (all.bytes() > 0 && !lastRecordChecks(file, lastStart, (int) (all.bytes() - lastStart))) {
                truncate(file, lastStart);
                continue; // the record before it is now the last one and is checked in turn
            }
            if (offset < size) {
                truncate(file, offset);
            }
            return all;
        }
    }

    private static boolean lastRecordChecks(Path file, long start, int length) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(length);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            while (record.hasRemaining() && c.read(record, start + record.position()) >= 0) {
                // reads until full or the end of the file
            }
        }
        return Records.decode(record.array(), record.position(), 0).validBytes() == length;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(size);
            c.force(false);
        }
    }

    /**
     * Opens (creating) a piece to append to, positioned at its end. Its content is whole: it was
     * checked by {@link #scan} at start or written by this process, which cuts off failed writes.
     */
    static FileChannel openForAppend(Path file) throws IOException {
        FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        c.position(c.size());
        return c;
    }

    /** Deletes a directory and everything in it; anything else at that path is left alone. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
