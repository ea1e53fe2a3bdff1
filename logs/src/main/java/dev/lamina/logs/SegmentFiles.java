package dev.lamina.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/** The files of the store: hour segments ({@code <epoch hour>.seg}) and directory trees. */
final class SegmentFiles {
    static final String SUFFIX = ".seg";

    private SegmentFiles() {
    }

    static String name(long hour) {
        return hour + SUFFIX;
    }

    /** The hour a segment file holds, or -1 if the file is not a segment. */
    static long hourOf(Path file) {
        String n = file.getFileName().toString();
        if (!n.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(n.substring(0, n.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A segment's events in stream order; none if the file is gone (deleted by the sweeper meanwhile). */
    static List<LogEvent> read(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LogEvent> events = new ArrayList<>(Records.decode(data, data.length).events());
        events.sort(LogEvent.ORDER);
        return events;
    }

    /** A segment opened to append to, and how many bytes of a crash-torn last record were cut off it. */
    record Appendable(FileChannel channel, long cut) {
    }

    /** Opens (creating) a segment to append to, first cutting off a record that a crash left incomplete. */
    static Appendable openForAppend(Path file) throws IOException {
        boolean existed = Files.exists(file);
        FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        long cut = 0;
        if (existed) {
            byte[] data = Files.readAllBytes(file);
            int valid = Records.decode(data, data.length).validBytes();
            if (valid < data.length) {
                c.truncate(valid);
                cut = data.length - valid;
            }
        } else {
            MetaFiles.forceDirectory(file.getParent());
        }
        c.position(c.size());
        return new Appendable(c, cut);
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
