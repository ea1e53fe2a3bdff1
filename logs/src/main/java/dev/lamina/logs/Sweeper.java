package dev.lamina.logs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Deletes what the store may no longer keep, a whole piece (see {@link Piece}) at a time: first the
 * hours wholly past their group's retention, then, while all log data together is over the disk bound,
 * the oldest piece of any stream (so the newest logs survive a flood).
 */
final class Sweeper {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final long maxTotalBytes;
    private final AtomicLong totalBytes;
    private final Collection<GroupFiles> groups;
    private final InstantSource clock;
    private final Executor background;
    private final BiConsumer<GroupFiles, StreamFiles> forget;
    /** A sweep is queued: a flood of appends past the disk bound queues one, not one per append. */
    private final AtomicBoolean queued = new AtomicBoolean();

    /**
     * @param groups a live view of the store's groups
     * @param forget removes a stream from its group if it is still empty and no environment writes to it
     */
    Sweeper(long maxTotalBytes, AtomicLong totalBytes, Collection<GroupFiles> groups, InstantSource clock,
            Executor background, BiConsumer<GroupFiles, StreamFiles> forget) {
        this.forget = forget;
        this.maxTotalBytes = maxTotalBytes;
        this.totalBytes = totalBytes;
        this.groups = groups;
        this.clock = clock;
        this.background = background;
    }

    /** Queues a sweep on the background thread (once, however often it is asked for meanwhile). */
    void soon() {
        if (queued.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    queued.set(false);
                    sweepQuietly();
                });
            } catch (RejectedExecutionException closing) {
                queued.set(false); // the store is closing; the next start sweeps
            }
        }
    }

    void soonIfOverBound() {
        if (totalBytes.get() > maxTotalBytes) {
            soon();
        }
    }

    void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("sweeping old log data failed", e);
        }
    }

    /**
     * One sweep at a time: the background's and an explicit one would otherwise both pick the oldest
     * pieces from the same sizes and drop past the bound, or one would read a stream the other is
     * half-way through removing.
     */
    synchronized void sweep() {
        long nowMillis = clock.millis();
        for (GroupFiles g : groups) {
            long cutoff = g.retentionCutoff(nowMillis);
            if (cutoff != Long.MIN_VALUE) {
                // Hour h holds [h, h+1) hours: it is wholly expired when h+1 <= cutoff.
                long firstKept = Math.floorDiv(cutoff, StreamFiles.HOUR_MILLIS);
                for (StreamFiles s : g.streams.values()) {
                    drop(s, firstKept);
                    // A stream whose last events (or creation) are past retention goes with them.
                    if (s.isEmpty() && s.lastActivity() < cutoff) {
                        forget(g, s);
                    }
                }
            }
        }
        if (totalBytes.get() <= maxTotalBytes) {
            return;
        }
        // The oldest piece is looked for again before each drop: appends go on meanwhile, and a piece
        // they start (an older hour of another stream) must go before the newest logs do.
        Set<Oldest> failed = new HashSet<>();
        while (totalBytes.get() > maxTotalBytes) {
            Optional<Oldest> oldest = oldest(failed);
            if (oldest.isEmpty()) {
                return;
            }
            Oldest o = oldest.get();
            try {
                o.stream().drop(o.piece());
                if (o.stream().isEmpty()) {
                    forget(o.group(), o.stream()); // the disk bound took all it had
                }
            } catch (IOException e) {
                failed.add(o);
                LOG.warn("could not delete old log data of stream {}", o.stream().name(), e);
            }
        }
    }

    private record Oldest(GroupFiles group, StreamFiles stream, Piece piece) {
    }

    /** The oldest piece of any stream, leaving out pieces that could not be deleted. */
    private Optional<Oldest> oldest(Set<Oldest> failed) {
        Oldest oldest = null;
        for (GroupFiles g : groups) {
            for (StreamFiles s : g.streams.values()) {
                for (Piece p : s.pieces()) {
                    Oldest candidate = new Oldest(g, s, p);
                    if (!failed.contains(candidate) && (oldest == null || p.compareTo(oldest.piece()) < 0)) {
                        oldest = candidate;
                    }
                }
            }
        }
        return Optional.ofNullable(oldest);
    }

    private void forget(GroupFiles g, StreamFiles s) {
        try {
            forget.accept(g, s);
        } catch (UncheckedIOException e) {
            LOG.warn("could not remove the empty log stream {}", s.name(), e);
        }
    }

    private static void drop(StreamFiles s, long beforeHour) {
        try {
            s.dropBefore(beforeHour);
        } catch (IOException e) {
            LOG.warn("could not delete old log data of stream {}", s.name(), e);
        }
    }
}
