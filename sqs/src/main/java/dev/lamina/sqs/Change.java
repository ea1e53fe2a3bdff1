package dev.lamina.sqs;

/**
 * One change to the durable state, as the engine made it in memory. Values are copied when the change
 * is made: the writer thread never reads a live {@link Message}.
 */
sealed interface Change {
    record PutQueue(String name, long createdAt, long modifiedAt, String attributesJson, String tagsJson) implements Change {
    }

    /** Removes a queue with its messages and deduplication entries. */
    record DropQueue(String name) implements Change {
    }

    record Insert(String queue, Message message, long visibleAt) implements Change {
    }

    /** A message's delivery fields after a receive or a visibility change. */
    record Deliver(long ordinal, int receiveCount, long firstReceiveAt, long visibleAt) implements Change {
    }

    record Remove(long ordinal) implements Change {
    }

    /**
     * A message moved to another queue, unchanged otherwise: to a dead-letter queue ({@code deadLetterSource}
     * the queue it came from; its receive count kept), or by a move task (null; its receive count
     * back to zero, so that the source's redrive policy counts afresh).
     */
    record Move(long ordinal, String queue, long visibleAt, String deadLetterSource, int receiveCount) implements Change {
    }

    /** Removes every message the queue holds at this point of the log. */
    record Purge(String queue) implements Change {
    }

    record Dedup(String queue, String deduplicationId, String messageId, long ordinal, long expiresAt) implements Change {
    }
}
