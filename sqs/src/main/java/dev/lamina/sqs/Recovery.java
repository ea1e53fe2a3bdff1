package dev.lamina.sqs;

import java.util.concurrent.CompletableFuture;

/** Rebuilds the engine's memory from what the store committed, at open. */
final class Recovery {
    private Recovery() {
    }

    static void rebuild(Engine engine, StoreFiles.Loaded loaded) {
        long now = engine.clock.millis();
        for (StoreFiles.QueueRow row : loaded.queues()) {
            engine.recover(new Queue(row.name(), engine.arn(row.name()), row.createdAt(), row.modifiedAt(),
                    new QueueConfig(row.attributes()), row.tags()));
        }
        // Ordinals never go back, even when the highest ones were deleted before the crash: they also start
        // above the clock (in microseconds), which outruns any rate the engine sustains.
        long max = now * 1000;
        for (StoreFiles.MessageRow row : loaded.messages()) {
            Message m = row.message();
            max = Math.max(max, m.ordinal);
            if (engine.exists(row.queue())) {
                Queue q = engine.queue(row.queue());
                m.lastReceiveAt = m.receiveCount > 0 ? now : 0;
                q.add(m, now);
            }
        }
        for (StoreFiles.DedupRow row : loaded.dedup()) {
            max = Math.max(max, row.ordinal());
            if (row.expiresAt() > now && engine.exists(row.queue())) {
                engine.queue(row.queue()).dedup.put(row.deduplicationId(),
                        new Dedup.Entry(row.messageId(), row.ordinal(), row.expiresAt(), CompletableFuture.completedFuture(null)));
            }
        }
        engine.ordinals.set(max);
    }
}
