package dev.lamina.sqs;

import java.util.Map;
import java.util.Optional;

/**
 * A received message, as ReceiveMessage answers it with {@code AttributeNames=All} and
 * {@code MessageAttributeNames=All}.
 *
 * @param attributes        the system attributes by SQS's names: SenderId, SentTimestamp,
 *                          ApproximateReceiveCount, ApproximateFirstReceiveTimestamp (epoch millis as
 *                          text), and for FIFO queues MessageGroupId, MessageDeduplicationId, SequenceNumber
 */
public record ReceivedMessage(String messageId, String receiptHandle, String body, String md5OfBody,
                              Optional<String> md5OfMessageAttributes, Map<String, String> attributes,
                              Map<String, MessageAttribute> messageAttributes) {
}
