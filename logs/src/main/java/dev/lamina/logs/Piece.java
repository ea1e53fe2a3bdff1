package dev.lamina.logs;

import java.nio.file.Path;

/**
 * One segment file of a stream: piece {@code n} of the hour {@code hour} of event timestamps. An hour
 * that outgrows {@link #MAX_BYTES} continues in its next piece, so no file is ever read whole into
 * memory beyond that size. Piece 0 is {@code <hour>.seg} (the name segments had before pieces), piece
 * n > 0 is {@code <hour>.<n>.seg}. Pieces order by hour, then number: oldest data first.
 */
record Piece(long hour, int n) implements Comparable<Piece> {
    static final String SUFFIX = ".seg";
    /** A piece is not appended to past this size (it may exceed it by at most one record). */
    static final long MAX_BYTES = 32L << 20;

    String fileName() {
        return (n == 0 ? Long.toString(hour) : hour + "." + n) + SUFFIX;
    }

    /** Where an event's offset within this piece's file puts it among the events of its hour. */
    long offsetBase() {
        return (long) n << 32;
    }

    /** The piece a file is, or null if the file is not a segment. */
    static Piece of(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return null;
        }
        String[] parts = name.substring(0, name.length() - SUFFIX.length()).split("\\.", -1);
        try {
            if (parts.length == 1) {
                return new Piece(Long.parseLong(parts[0]), 0);
            }
            int n = Integer.parseInt(parts[1]);
            return parts.length == 2 && n > 0 ? new Piece(Long.parseLong(parts[0]), n) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int compareTo(Piece o) {
        int c = Long.compare(hour, o.hour);
        return c != 0 ? c : Integer.compare(n, o.n);
    }
}
