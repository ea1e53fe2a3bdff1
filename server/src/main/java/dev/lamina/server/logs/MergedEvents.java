package dev.lamina.server.logs;

import dev.lamina.logs.LogEvent;
import dev.lamina.logs.LogResourceException;
import dev.lamina.logs.LogStore;
import dev.lamina.logs.StreamReader;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The events of several streams of one group merged into one order: timestamp, then stream name,
 * then offset. A {@link Cursor} names a place in that order, so paging resumes exactly after the
 * last event looked at. Each stream is read lazily, a piece at a time, and opened only when due (see {@link Head}).
 */
final class MergedEvents {
    /** A place in the merged order. */
    record Cursor(long timestamp, String stream, long offset) {
    }

    record Next(String stream, LogEvent event) {
        Cursor cursor() {
            return new Cursor(event.timestamp(), stream, event.offset());
        }
    }

    /**
     * A stream's place in the merge: its next event and the rest, or, before the stream is opened,
     * only its reader and a timestamp none of its events comes before (offset {@code Long.MIN_VALUE}
     * sorts it before them): a stream's files are read only once the merge reaches it, so a search of
     * many streams holds the pieces of the few that are due, not one of every stream.
     */
    private record Head(long timestamp, String stream, long offset, Next next, Iterator<LogEvent> rest,
                        StreamReader unopened) {
    }

    private static final Comparator<Head> ORDER = Comparator.comparingLong(Head::timestamp)
            .thenComparing(Head::stream).thenComparingLong(Head::offset);

    private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
    private final Set<String> unfinished = new HashSet<>();
    private final Cursor after;
    private final long start;
    private final long end;

    MergedEvents(LogStore store, String group, Set<String> streams, Cursor after, long start, long end) {
        this.after = after;
        this.start = start;
        this.end = end;
        for (String s : streams) {
            StreamReader reader;
            try {
                reader = store.reader(group, s);
            } catch (LogResourceException deletedMeanwhile) {
                continue;
            }
            OptionalLong earliest = reader.earliestPossible(startAfter(s, after), start, end);
            if (earliest.isPresent()) {
                heads.add(new Head(earliest.getAsLong(), s, Long.MIN_VALUE, null, null, reader));
                unfinished.add(s);
            }
        }
    }

    /** Where stream {@code s} resumes: events of the cursor's time come after it only in later streams. */
    private static LogEvent.Position startAfter(String s, Cursor after) {
        if (after == null) {
            return LogEvent.Position.START;
        }
        int c = s.compareTo(after.stream());
        long offset = c < 0 ? Long.MAX_VALUE : c == 0 ? after.offset() : Long.MIN_VALUE;
        return new LogEvent.Position(after.timestamp(), offset);
    }

    private void push(String stream, Iterator<LogEvent> it) {
        if (it.hasNext()) {
            Next n = new Next(stream, it.next());
            heads.add(new Head(n.event().timestamp(), stream, n.event().offset(), n, it, null));
            unfinished.add(stream);
        } else {
            unfinished.remove(stream);
        }
    }

    /** Opens the streams that are due until the first head is an event. */
    private void settle() {
        while (!heads.isEmpty() && heads.element().unopened() != null) {
            Head h = heads.remove();
            push(h.stream(), h.unopened().forward(startAfter(h.stream(), after), start, end));
        }
    }

    boolean hasNext() {
        settle();
        return !heads.isEmpty();
    }

    Next peek() {
        settle();
        return heads.element().next();
    }

    Next next() {
        settle();
        Head h = heads.remove();
        push(h.stream(), h.rest());
        return h.next();
    }

    /** Whether this stream still has events to look at. */
    boolean hasMore(String stream) {
        return unfinished.contains(stream);
    }
}
