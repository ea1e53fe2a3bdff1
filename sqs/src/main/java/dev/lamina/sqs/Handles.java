package dev.lamina.sqs;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a receipt handle allows: deleting the message it was handed out with, and changing its visibility.
 * Also purge and retention, the other ways messages leave a queue. Public for the sqs.api package only.
 */
public final class Handles {
    static final int MAX_VISIBILITY_SECONDS = 43_200;

    private final Engine engine;

    Handles(Engine engine) {
        this.engine = engine;
    }

    private ReceiptHandle parse(Queue q, String handle) {
        ReceiptHandle h = ReceiptHandle.decode(handle).orElseThrow(() -> SqsErrors.receiptHandleIsInvalid(handle));
        if (!h.queue().equals(q.name)) {
            throw SqsErrors.receiptHandleIsInvalid(handle);
        }
        return h;
    }

    /**
     * Deletes the message of a handle from its latest delivery (in flight, or visible again but not received
     * since). The handle of a message already gone, or of an earlier delivery, deletes nothing and is no
     * error, as in SQS.
     */
    public CompletableFuture<Void> delete(String queueName, String handle) {
        Queue q = engine.queue(queueName);
        q.lock.lock();
        try {
            ReceiptHandle h = parse(q, handle);
            Message m = q.get(h.ordinal());
            if (m == null || !m.id.equals(h.messageId()) || m.receiveCount != h.receiveCount() || m.state == Message.State.DELAYED) {
                return CompletableFuture.completedFuture(null);
            }
            q.remove(m);
            CompletableFuture<Void> done = engine.store.submit(new Change.Remove(m.ordinal));
            if (q.fifo) {
                q.changed.signalAll(); // its group may deliver again
            }
            return done;
        } finally {
            q.lock.unlock();
        }
    }

    /**
     * Hides an in-flight message for {@code seconds} from now (zero: visible at once). A message that is
     * gone is InvalidParameterValue; one not in flight under this handle is MessageNotInflight; a total
     * beyond 12 hours from its receive is InvalidParameterValue.
     */
    public CompletableFuture<Void> changeVisibility(String queueName, String handle, int seconds) {
        if (seconds < 0 || seconds > MAX_VISIBILITY_SECONDS) {
            throw SqsErrors.invalidValue("VisibilityTimeout", seconds, "VisibilityTimeout must be an integer between 0 and 43200");
        }
        Queue q = engine.queue(queueName);
        q.lock.lock();
        try {
            ReceiptHandle h = parse(q, handle);
            long now = engine.clock.millis();
            q.promote(now);
            Message m = q.get(h.ordinal());
            if (m == null || !m.id.equals(h.messageId())) {
                throw SqsErrors.invalidValue("ReceiptHandle", handle,
                        "Message does not exist or is not available for visibility timeout change.");
            }
            if (m.state != Message.State.IN_FLIGHT || m.receiveCount != h.receiveCount()) {
                throw SqsErrors.messageNotInflight();
            }
            long received = m.lastReceiveAt == 0 ? now : m.lastReceiveAt;
            if (now + seconds * 1000L - received > MAX_VISIBILITY_SECONDS * 1000L) {
                throw SqsErrors.invalidValue("VisibilityTimeout", seconds,
                        "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
            }
            if (seconds == 0) {
                q.show(m, now);
                q.changed.signalAll();
            } else {
                q.hide(m, now + seconds * 1000L);
            }
            return engine.store.submit(new Change.Deliver(m.ordinal, m.receiveCount, m.firstReceiveAt, m.visibleAt));
        } finally {
            q.lock.unlock();
        }
    }

    /** Removes every message of the queue, in flight and delayed ones too. */
    public void purge(String queueName) {
        Queue q = engine.queue(queueName);
        CompletableFuture<Void> done;
        q.lock.lock();
        try {
            q.clear();
            done = engine.store.submit(new Change.Purge(q.name));
        } finally {
            q.lock.unlock();
        }
        SqsStore.await(done);
    }

    /** Removes messages older than the queue's MessageRetentionPeriod (caller holds the queue's lock). */
    void expire(Queue q, long now) {
        q.promote(now);
        long oldest = now - 1000L * q.config.retentionSeconds();
        List<Change> removed = new java.util.ArrayList<>();
        for (Message m : q.all()) {
            if (m.sentAt <= oldest) {
                q.remove(m);
                removed.add(new Change.Remove(m.ordinal));
            }
        }
        engine.store.submit(removed); // not awaited: an expired message that reappears after a crash expires again
    }
}
