package dev.lamina.sqs;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A FIFO queue's deduplication window: a message whose deduplication id was sent within the last five
 * minutes is accepted but not enqueued again, and answers the first one's id. Guarded by the queue's
 * lock. Entries are kept in insertion order, which is expiry order since the window is fixed.
 */
final class Dedup {
    static final long WINDOW_MILLIS = 5 * 60 * 1000;

    /** @param durable completes when the first message is on disk: a duplicate is acknowledged no earlier */
    record Entry(String messageId, long ordinal, long expiresAt, CompletableFuture<Void> durable) {
    }

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    Optional<Entry> find(String key, long now) {
        prune(now);
        return Optional.ofNullable(entries.get(key));
    }

    void put(String key, Entry entry) {
        entries.remove(key);
        entries.put(key, entry);
    }

    void clear() {
        entries.clear();
    }

    private void prune(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAt() > now) {
                return;
            }
            it.remove();
        }
    }

    /** The key for a deduplication id: per queue, or per message group with DeduplicationScope=messageGroup. */
    static String key(boolean perGroup, String groupId, String deduplicationId) {
        return perGroup ? groupId + "\n" + deduplicationId : deduplicationId;
    }
}
