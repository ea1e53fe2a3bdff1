package dev.lamina.sqs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The message operations of every queue: send, receive (with long polling and redrive to the dead-letter
 * queue), delete, visibility changes, purge and retention. Methods answering a future have made their
 * change in memory and submitted it; the caller acknowledges only once the future completed (batches
 * await all their entries' futures together). Public for the sqs.api package only.
 */
public final class Deliveries {
    /** A sent (or deduplicated) message and when it is on disk. */
    public record Sent(SentMessage message, CompletableFuture<Void> durable) {
    }

    private final Engine engine;

    Deliveries(Engine engine) {
        this.engine = engine;
    }

    /** Validates and enqueues one message; FIFO duplicates within the window answer the first message. */
    public Sent send(String queueName, OutgoingMessage message, Optional<String> traceHeader, String senderId) {
        Queue q = engine.queue(queueName);
        // Everything that does not depend on the queue's contents is done before taking its lock.
        MessageRules.check(q, message);
        String md5OfBody = Md5.ofBody(message.body());
        Optional<String> md5OfAttributes = Md5.ofAttributes(message.attributes());
        Optional<String> dedupId = q.fifo ? Optional.of(message.deduplicationId().orElseGet(() -> Md5.sha256(message.body())))
                : Optional.empty();
        String id = UUID.randomUUID().toString();
        q.lock.lock();
        try {
            if (q.deleted) {
                throw SqsErrors.queueDoesNotExist();
            }
            long now = engine.clock.millis();
            String dedupKey = null;
            if (q.fifo) {
                boolean perGroup = "messageGroup".equals(q.config.values().get("DeduplicationScope"));
                dedupKey = Dedup.key(perGroup, message.groupId().orElseThrow(), dedupId.orElseThrow());
                Optional<Dedup.Entry> first = q.dedup.find(dedupKey, now);
                if (first.isPresent()) {
                    Dedup.Entry e = first.get();
                    return new Sent(new SentMessage(e.messageId(), md5OfBody, md5OfAttributes,
                            Optional.of(String.format("%020d", e.ordinal()))), e.durable());
                }
            }
            long delay = message.delay().map(d -> d.getSeconds()).orElse((long) q.config.delaySeconds());
            Message m = new Message(engine.ordinals.incrementAndGet(), id, message.body(), message.attributes(), md5OfBody,
                    md5OfAttributes, message.groupId(), dedupId, traceHeader, senderId, now);
            m.visibleAt = now + delay * 1000;
            q.add(m, now);
            List<Change> changes = new ArrayList<>(2);
            changes.add(new Change.Insert(q.name, m, m.visibleAt));
            if (dedupKey != null) {
                changes.add(new Change.Dedup(q.name, dedupKey, m.id, m.ordinal, now + Dedup.WINDOW_MILLIS));
            }
            CompletableFuture<Void> durable = engine.store.submit(changes);
            if (dedupKey != null) {
                q.dedup.put(dedupKey, new Dedup.Entry(m.id, m.ordinal, now + Dedup.WINDOW_MILLIS, durable));
            }
            if (m.state == Message.State.READY) {
                q.changed.signal();
            }
            return new Sent(new SentMessage(m.id, m.md5OfBody, m.md5OfAttributes,
                    q.fifo ? Optional.of(m.sequenceNumber()) : Optional.empty()), durable);
        } finally {
            q.lock.unlock();
        }
    }

    /**
     * Receives up to {@code max} messages, hiding them for {@code visibilitySeconds} (empty: the queue's
     * timeout); waits up to {@code waitMillis} while there is none, woken by the first message that arrives
     * or becomes visible. A message already received maxReceiveCount times moves to the dead-letter queue
     * instead. Returns once the receive counts are on disk.
     */
    public List<ReceivedMessage> receive(String queueName, int max, Optional<Integer> visibilitySeconds, long waitMillis)
            throws InterruptedException {
        Queue q = engine.queue(queueName);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            Selection s = select(q, max, visibilitySeconds, deadline);
            s.moved.forEach((dlq, messages) -> arrive(dlq, messages, q.name));
            SqsStore.await(s.durable);
            // A pass that only expired or moved messages made progress; the wait goes on.
            if (!s.picked.isEmpty() || System.nanoTime() >= deadline) {
                return s.picked;
            }
        }
    }

    private record Selection(List<ReceivedMessage> picked, Map<Queue, List<Message>> moved, CompletableFuture<Void> durable) {
    }

    private Selection select(Queue q, int max, Optional<Integer> visibilitySeconds, long deadline) throws InterruptedException {
        q.lock.lock();
        try {
            while (true) {
                if (q.deleted) {
                    return new Selection(List.of(), Map.of(), CompletableFuture.completedFuture(null));
                }
                long now = engine.clock.millis();
                q.promote(now);
                List<Message> candidates = candidates(q, max, now);
                List<Change> changes = new ArrayList<>();
                List<ReceivedMessage> picked = new ArrayList<>();
                Map<Queue, List<Message>> moved = new LinkedHashMap<>();
                long hideUntil = now + 1000L * visibilitySeconds.orElse(q.config.visibilityTimeout());
                for (Message m : candidates) {
                    if (now >= m.sentAt + 1000L * q.config.retentionSeconds()) {
                        q.remove(m);
                        changes.add(new Change.Remove(m.ordinal));
                        continue;
                    }
                    Optional<Queue> dlq = q.redrive.filter(r -> m.receiveCount >= r.maxReceiveCount())
                            .flatMap(r -> engine.byArn(r.targetArn())).filter(d -> d != q);
                    if (dlq.isPresent()) {
                        q.remove(m);
                        changes.add(new Change.Move(m.ordinal, dlq.get().name, now, q.name, m.receiveCount));
                        moved.computeIfAbsent(dlq.get(), k -> new ArrayList<>()).add(m);
                        continue;
                    }
                    m.receiveCount++;
                    if (m.firstReceiveAt == 0) {
                        m.firstReceiveAt = now;
                    }
                    m.lastReceiveAt = now;
                    q.hide(m, hideUntil);
                    changes.add(new Change.Deliver(m.ordinal, m.receiveCount, m.firstReceiveAt, m.visibleAt));
                    picked.add(received(q, m));
                }
                if (!changes.isEmpty()) {
                    return new Selection(picked, moved, engine.store.submit(changes));
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return new Selection(List.of(), Map.of(), CompletableFuture.completedFuture(null));
                }
                long untilDue = q.nextDue().map(at -> TimeUnit.MILLISECONDS.toNanos(Math.max(1, at - now))).orElse(Long.MAX_VALUE);
                q.changed.awaitNanos(Math.min(remaining, untilDue));
            }
        }
        finally {
            q.lock.unlock();
        }
    }

    /**
     * The visible messages a receive may take, in order: at most {@code max} deliverable ones (plus any to
     * expire or move on the way); in a FIFO queue none of a group that already has a message in flight.
     */
    private static List<Message> candidates(Queue q, int max, long now) {
        List<Message> out = new ArrayList<>();
        Set<String> takenGroups = new HashSet<>();
        int deliverable = 0;
        for (Message m : q.visible()) {
            if (q.fifo) {
                String g = m.groupId.orElse("");
                if (!takenGroups.contains(g) && q.groupBlocked(g)) {
                    continue;
                }
                takenGroups.add(g);
            }
            out.add(m);
            boolean expired = now >= m.sentAt + 1000L * q.config.retentionSeconds();
            boolean moves = q.redrive.map(r -> m.receiveCount >= r.maxReceiveCount()).orElse(false);
            if (!expired && !moves && ++deliverable == max) {
                break;
            }
        }
        return out;
    }

    /**
     * Messages moved to a dead-letter queue ({@code source} the queue they left) or by a move task (null:
     * their receive count starts again) arrive, visible at once.
     */
    void arrive(Queue dlq, List<Message> messages, String source) {
        dlq.lock.lock();
        try {
            long now = engine.clock.millis();
            for (Message m : messages) {
                m.visibleAt = now;
                m.deadLetterSource = source == null ? Optional.empty() : Optional.of(source);
                if (source == null) {
                    m.receiveCount = 0;
                    m.firstReceiveAt = 0;
                }
                if (!dlq.deleted) {
                    dlq.add(m, now);
                }
            }
            dlq.changed.signalAll();
        } finally {
            dlq.lock.unlock();
        }
    }

    ReceivedMessage received(Queue q, Message m) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("SenderId", m.senderId);
        a.put("SentTimestamp", Long.toString(m.sentAt));
        a.put("ApproximateReceiveCount", Integer.toString(m.receiveCount));
        a.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveAt));
        m.traceHeader.ifPresent(t -> a.put("AWSTraceHeader", t));
        m.groupId.ifPresent(g -> a.put("MessageGroupId", g));
        if (q.fifo) {
            m.deduplicationId.ifPresent(d -> a.put("MessageDeduplicationId", d));
            a.put("SequenceNumber", m.sequenceNumber());
        }
        m.deadLetterSource.ifPresent(s -> a.put("DeadLetterQueueSourceArn", engine.arn(s)));
        String handle = new ReceiptHandle(q.name, m.ordinal, m.receiveCount, m.id).encode();
        return new ReceivedMessage(m.id, handle, m.body, m.md5OfBody, m.md5OfAttributes, a, m.attributes);
    }
}
