package dev.lamina.logs;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * Reads one stream's events in order, forwards or backwards, within a time range, loading only the
 * pieces whose timestamps meet the range, and each only when the merge reaches its first (or, going
 * backwards, last) timestamp: pieces written in time order are held in memory one at a time. Events
 * past the group's retention are not shown even before the sweeper has deleted their piece. Safe
 * while writers append: an iterator sees what was complete when it loaded each piece.
 */
public final class StreamReader {
    private final StreamFiles files;
    private final long cutoff;

    StreamReader(StreamFiles files, long cutoff) {
        this.files = files;
        this.cutoff = cutoff;
    }

    public String streamName() {
        return files.name();
    }

    /** Events after {@code after} with {@code startTime <= timestamp < endTime}, oldest first. */
    public Iterator<LogEvent> forward(LogEvent.Position after, long startTime, long endTime) {
        long lo = Math.max(Math.max(startTime, cutoff), after.timestamp());
        List<Map.Entry<Piece, Extent>> pieces = pieces(lo, endTime).stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().minTimestamp())).toList();
        return new Scan(pieces, after, lo, endTime, true);
    }

    /** Events before {@code before} with {@code startTime <= timestamp < endTime}, newest first. */
    public Iterator<LogEvent> backward(LogEvent.Position before, long startTime, long endTime) {
        long lo = Math.max(startTime, cutoff);
        long hi = before.timestamp() == Long.MAX_VALUE ? endTime : Math.min(endTime, before.timestamp() + 1);
        List<Map.Entry<Piece, Extent>> pieces = pieces(lo, hi).stream()
                .sorted(Comparator.comparingLong(e -> -e.getValue().maxTimestamp())).toList();
        return new Scan(pieces, before, lo, hi, false);
    }

    /**
     * No event {@link #forward} would return has a timestamp below this (empty: it returns none),
     * known without reading any file: a merge of many streams can wait to open one until it is due.
     */
    public OptionalLong earliestPossible(LogEvent.Position after, long startTime, long endTime) {
        long lo = Math.max(Math.max(startTime, cutoff), after.timestamp());
        return pieces(lo, endTime).stream().mapToLong(e -> Math.max(lo, e.getValue().minTimestamp())).min();
    }

    private List<Map.Entry<Piece, Extent>> pieces(long lo, long hi) {
        return lo >= hi ? List.of() : files.pieces(lo, hi);
    }

    private final class Scan implements Iterator<LogEvent> {
        private final List<Map.Entry<Piece, Extent>> pieces;
        private final LogEvent.Position bound;
        private final long lo;
        private final long hi;
        private final boolean ascending;
        private final PriorityQueue<LogEvent> loaded;
        private int nextPiece;

        Scan(List<Map.Entry<Piece, Extent>> pieces, LogEvent.Position bound, long lo, long hi, boolean ascending) {
            this.pieces = pieces;
            this.bound = bound;
            this.lo = lo;
            this.hi = hi;
            this.ascending = ascending;
            this.loaded = new PriorityQueue<>(ascending ? LogEvent.ORDER : LogEvent.ORDER.reversed());
        }

        /** Whether the next unread piece may hold an event that comes before the first one loaded. */
        private boolean nextPieceIsDue() {
            if (nextPiece >= pieces.size()) {
                return false;
            }
            if (loaded.isEmpty()) {
                return true;
            }
            Extent e = pieces.get(nextPiece).getValue();
            long head = loaded.element().timestamp();
            return ascending ? e.minTimestamp() <= head : e.maxTimestamp() >= head;
        }

        @Override
        public boolean hasNext() {
            while (nextPieceIsDue()) {
                for (LogEvent e : files.read(pieces.get(nextPiece++).getKey())) {
                    int c = e.position().compareTo(bound);
                    if (e.timestamp() >= lo && e.timestamp() < hi && (ascending ? c > 0 : c < 0)) {
                        loaded.add(e);
                    }
                }
            }
            return !loaded.isEmpty();
        }

        @Override
        public LogEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return loaded.remove();
        }
    }
}
