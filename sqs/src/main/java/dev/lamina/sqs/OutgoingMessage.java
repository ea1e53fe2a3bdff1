package dev.lamina.sqs;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to send.
 *
 * @param delay empty: the queue's DelaySeconds
 */
public record OutgoingMessage(String body, Map<String, MessageAttribute> attributes, Optional<String> groupId,
                              Optional<String> deduplicationId, Optional<Duration> delay) {
    public OutgoingMessage {
        Objects.requireNonNull(body);
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(groupId);
        Objects.requireNonNull(deduplicationId);
        Objects.requireNonNull(delay);
    }

    /** A plain message to a standard queue. */
    public static OutgoingMessage of(String body, Map<String, MessageAttribute> attributes) {
        return new OutgoingMessage(body, attributes, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
