package dev.lamina.server.logs;

import dev.lamina.logs.LogEvent;
import dev.lamina.logs.LogResourceException;
import dev.lamina.logs.LogStore;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The events of several streams of one group merged into one order: timestamp, then stream name,
 * then offset. A {@link Cursor} names a place in that order, so paging resumes exactly after the
 * last event looked at. Each stream is read lazily, an hour segment at a time.
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

    private static final Comparator<Next> ORDER = Comparator.<Next>comparingLong(n -> n.event().timestamp())
            .thenComparing(Next::stream).thenComparingLong(n -> n.event().offset());

    private record Head(Next next, Iterator<LogEvent> rest) {
    }

    private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::next, ORDER));
    private final Set<String> unfinished = new HashSet<>();

    MergedEvents(LogStore store, String group, Set<String> streams, Cursor after, long start, long end) {
        for (String s : streams) {
            Iterator<LogEvent> it;
            try {
                it = store.reader(group, s).forward(startAfter(s, after), start, end);
            } catch (LogResourceException deletedMeanwhile) {
                continue;
            }
            push(s, it);
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
            heads.add(new Head(new Next(stream, it.next()), it));
            unfinished.add(stream);
        } else {
            unfinished.remove(stream);
        }
    }

    boolean hasNext() {
        return !heads.isEmpty();
    }

    Next peek() {
        return heads.element().next();
    }

    Next next() {
        Head h = heads.remove();
        push(h.next().stream(), h.rest());
        return h.next();
    }

    /** Whether this stream still has events to look at. */
    boolean hasMore(String stream) {
        return unfinished.contains(stream);
    }
}
