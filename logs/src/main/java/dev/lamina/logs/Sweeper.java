package dev.lamina.logs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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

    Sweeper(long maxTotalBytes, AtomicLong totalBytes) {
        this.maxTotalBytes = maxTotalBytes;
        this.totalBytes = totalBytes;
    }

    void sweep(Collection<GroupFiles> groups, long nowMillis) {
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
