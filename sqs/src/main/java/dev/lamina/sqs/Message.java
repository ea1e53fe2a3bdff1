package dev.lamina.sqs;

import java.util.Map;
import java.util.Optional;

/**
 * One message in memory. The identity and content are fixed; the delivery fields change only under
 * its queue's lock, and every change is written to the store in the same critical section, so the
 * store sees a queue's changes in the order memory made them.
 *
 * <p>States: {@link State#DELAYED} (sent with a delay not yet over) → {@link State#READY} (visible)
 * → {@link State#IN_FLIGHT} (received, hidden until {@link #visibleAt}) → READY again when the
 * visibility timeout passes or is changed to zero, or {@link State#GONE} (deleted, purged, expired,
 * moved to another queue).
 */
final class Message {
    enum State { DELAYED, READY, IN_FLIGHT, GONE }

    /** Global, increasing: a queue's delivery order, the store's key, and a FIFO SequenceNumber. */
    final long ordinal;
    final String id;
    final String body;
    final Map<String, MessageAttribute> attributes;
    final String md5OfBody;
    final Optional<String> md5OfAttributes;
    final Optional<String> groupId;
    final Optional<String> deduplicationId;
    final Optional<String> traceHeader;
    final String senderId;
    final long sentAt;

    State state;
    int receiveCount;
    long firstReceiveAt;
    /** Epoch millis of the latest receive, for the 12-hour limit of visibility changes (memory only). */
    long lastReceiveAt;
    /** Epoch millis when a DELAYED or IN_FLIGHT message becomes READY. */
    long visibleAt;
    /** The queue a dead-letter queue's message came from (its DeadLetterQueueSourceArn's name). */
    Optional<String> deadLetterSource = Optional.empty();
    /** Bumped on every state change: timer entries of an older stamp are stale. */
    int stamp;

    Message(long ordinal, String id, String body, Map<String, MessageAttribute> attributes, Optional<String> groupId,
            Optional<String> deduplicationId, Optional<String> traceHeader, String senderId, long sentAt) {
        this(ordinal, id, body, attributes, Md5.ofBody(body), Md5.ofAttributes(attributes), groupId, deduplicationId,
                traceHeader, senderId, sentAt);
    }

    /** With the digests computed already (by a sender, outside its queue's lock). */
    Message(long ordinal, String id, String body, Map<String, MessageAttribute> attributes, String md5OfBody,
            Optional<String> md5OfAttributes, Optional<String> groupId, Optional<String> deduplicationId,
            Optional<String> traceHeader, String senderId, long sentAt) {
        this.ordinal = ordinal;
        this.id = id;
        this.body = body;
        this.attributes = Map.copyOf(attributes);
        this.md5OfBody = md5OfBody;
        this.md5OfAttributes = md5OfAttributes;
        this.groupId = groupId;
        this.deduplicationId = deduplicationId;
        this.traceHeader = traceHeader;
        this.senderId = senderId;
        this.sentAt = sentAt;
    }

    /** FIFO queues' SequenceNumber: the ordinal, zero-padded to 20 digits as SQS's are. */
    String sequenceNumber() {
        return String.format("%020d", ordinal);
    }
}
