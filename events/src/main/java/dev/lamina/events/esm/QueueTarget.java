package dev.lamina.events.esm;

/**
 * Sends a message to an SQS queue named by ARN, the way asynchronous invocation's destinations are
 * sent (the built-in queues, or the configured external SQS endpoint).
 */
@FunctionalInterface
public interface QueueTarget {
    /** Returns once the queue has the message; throws when it cannot be reached or refuses it. */
    void send(String queueArn, String body) throws Exception;
}
