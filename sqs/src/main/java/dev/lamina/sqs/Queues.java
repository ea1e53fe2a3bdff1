package dev.lamina.sqs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Lamina's built-in SQS as the other services use it, through Java and never over HTTP: event source
 * mappings poll it, asynchronous invocation's destinations and dead-letter queues send to it, and
 * later EventBridge and S3 notifications. Queues are named by ARN
 * ({@code arn:aws:sqs:<region>:<account>:<name>}).
 *
 * <p>Every method that changes a queue returns only once the change is on disk: a message
 * {@link #send} returned for survives {@code kill -9}, and a message {@link #delete}d never comes back.
 * Errors are {@link dev.lamina.model.ServiceException}s with SQS's codes (QueueDoesNotExist,
 * ReceiptHandleIsInvalid, InvalidParameterValue, …).
 */
public interface Queues {

    /** The queue of that ARN, if it exists now. */
    Optional<QueueInfo> byArn(String queueArn);

    /** Sends one message, with the queue's own rules (FIFO group and deduplication, size, delay). */
    SentMessage send(String queueArn, OutgoingMessage message);

    /**
     * Receives up to {@code max} (1–10) messages and hides them for {@code visibility} (empty: the
     * queue's own visibility timeout); waits at most {@code wait} (0–20 s) while none is visible.
     * Each message's receive count grows durably before it is returned, and a message past its
     * queue's maxReceiveCount moves to the dead-letter queue instead of being returned, as SQS does.
     */
    List<ReceivedMessage> receive(String queueArn, int max, Optional<Duration> visibility, Duration wait)
            throws InterruptedException;

    /** Deletes a received message by its receipt handle (a stale handle of a deleted message is ignored, as SQS). */
    void delete(String queueArn, String receiptHandle);

    /** Makes a received message visible again after {@code visibility} (zero: at once). */
    void changeVisibility(String queueArn, String receiptHandle, Duration visibility);
}
