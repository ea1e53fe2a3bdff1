package dev.lamina.sqs;

import java.util.Optional;

/** What SendMessage answers: the id, the MD5s, and for FIFO queues the sequence number. */
public record SentMessage(String messageId, String md5OfBody, Optional<String> md5OfMessageAttributes,
                          Optional<String> sequenceNumber) {
}
