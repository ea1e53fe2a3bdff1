package dev.lamina.logs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads one stream's events in order, forwards or backwards, within a time range, loading only the
 * hour segments the range and the starting position touch. Events past the group's retention are not
 * shown even before the sweeper has deleted their segment. Safe while writers append: an iterator
 * sees what was complete when it loaded each hour.
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
        List<Long> hours = hoursBetween(lo, endTime);
        return new Scan(hours, after, lo, endTime, true);
    }

    /** Events before {@code before} with {@code startTime <= timestamp < endTime}, newest first. */
    public Iterator<LogEvent> backward(LogEvent.Position before, long startTime, long endTime) {
        long lo = Math.max(startTime, cutoff);
        long hi = before.timestamp() == Long.MAX_VALUE ? endTime : Math.min(endTime, before.timestamp() + 1);
        List<Long> hours = hoursBetween(lo, hi).reversed();
        return new Scan(hours, before, lo, hi, false);
    }

    private List<Long> hoursBetween(long lo, long hi) {
        if (lo >= hi) {
            return List.of();
        }
        long first = Math.floorDiv(lo, StreamFiles.HOUR_MILLIS);
        long last = Math.floorDiv(hi - 1, StreamFiles.HOUR_MILLIS);
        return files.hours().stream().filter(h -> h >= first && h <= last).toList();
    }

    private final class Scan implements Iterator<LogEvent> {
        private final Iterator<Long> hours;
        private final LogEvent.Position bound;
        private final long lo;
        private final long hi;
        private final boolean ascending;
        private final Deque<LogEvent> loaded = new ArrayDeque<>();

        Scan(List<Long> hours, LogEvent.Position bound, long lo, long hi, boolean ascending) {
            this.hours = hours.iterator();
            this.bound = bound;
            this.lo = lo;
            this.hi = hi;
            this.ascending = ascending;
        }

        @Override
        public boolean hasNext() {
            while (loaded.isEmpty() && hours.hasNext()) {
                for (LogEvent e : files.read(hours.next())) {
                    int c = e.position().compareTo(bound);
                    if (e.timestamp() >= lo && e.timestamp() < hi && (ascending ? c > 0 : c < 0)) {
                        if (ascending) {
                            loaded.addLast(e);
                        } else {
                            loaded.addFirst(e);
                        }
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
            return loaded.removeFirst();
        }
    }
}
