package dev.lamina.logs;

import java.util.Comparator;

/**
 * One stored log event. Within a stream, events are ordered by {@link #timestamp} and then by
 * {@link #offset}, the record's place among the segments of its hour (its place in its piece's file
 * plus {@link Piece#offsetBase}), so the pair is a stable, unique position that paging tokens can name.
 *
 * @param ingestionTime when Lamina stored it (epoch milliseconds)
 */
public record LogEvent(long timestamp, long offset, long ingestionTime, String message) {
    public static final Comparator<LogEvent> ORDER = Comparator.comparingLong(LogEvent::timestamp)
            .thenComparingLong(LogEvent::offset);

    public Position position() {
        return new Position(timestamp, offset);
    }

    /** A place between events of one stream: events compare to it by (timestamp, offset). */
    public record Position(long timestamp, long offset) implements Comparable<Position> {
        /** Before every event. */
        public static final Position START = new Position(Long.MIN_VALUE, Long.MIN_VALUE);
        /** After every event. */
        public static final Position END = new Position(Long.MAX_VALUE, Long.MAX_VALUE);

        @Override
        public int compareTo(Position o) {
            int c = Long.compare(timestamp, o.timestamp);
            return c != 0 ? c : Long.compare(offset, o.offset);
        }
    }
}
