package dev.lamina.logs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes what the store may no longer keep, a whole hour segment at a time: first the hours wholly
 * past their group's retention, then, while all log data together is over the disk bound, the oldest
 * hour of any stream (so the newest logs survive a flood).
 */
final class Sweeper {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final long maxTotalBytes;
    private final AtomicLong totalBytes;
    private final Collection<GroupFiles> groups;
    private final InstantSource clock;
    private final Executor background;
    /** A sweep is queued: a flood of appends past the disk bound queues one, not one per append. */
    private final AtomicBoolean queued = new AtomicBoolean();

    /** @param groups a live view of the store's groups */
    Sweeper(long maxTotalBytes, AtomicLong totalBytes, Collection<GroupFiles> groups, InstantSource clock,
            Executor background) {
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

    void sweep() {
        long nowMillis = clock.millis();
        for (GroupFiles g : groups) {
            long cutoff = g.retentionCutoff(nowMillis);
            if (cutoff != Long.MIN_VALUE) {
                // Hour h holds [h, h+1) hours: it is wholly expired when h+1 <= cutoff.
                long firstKept = Math.floorDiv(cutoff, StreamFiles.HOUR_MILLIS);
                for (StreamFiles s : g.streams.values()) {
                    drop(s, firstKept);
                }
            }
        }
        if (totalBytes.get() <= maxTotalBytes) {
            return;
        }
        record Oldest(StreamFiles stream, long hour) {
        }
        List<Oldest> candidates = new ArrayList<>();
        for (GroupFiles g : groups) {
            for (StreamFiles s : g.streams.values()) {
                for (long h : s.hours()) {
                    candidates.add(new Oldest(s, h));
                }
            }
        }
        candidates.sort(Comparator.comparingLong(Oldest::hour));
        for (Oldest o : candidates) {
            if (totalBytes.get() <= maxTotalBytes) {
                break;
            }
            drop(o.stream(), o.hour() + 1);
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
