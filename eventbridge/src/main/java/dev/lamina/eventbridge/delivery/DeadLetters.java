package dev.lamina.eventbridge.delivery;

import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.OutgoingMessage;
import dev.lamina.sqs.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a delivery goes when it is given up on: its target's DeadLetterConfig queue, with the body
 * it was owed and AWS's message attributes (EventBridge's for a rule: RULE_ARN, TARGET_ARN,
 * ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION when a retry limit ended it, RETRY_ATTEMPTS;
 * Scheduler's for a schedule: also EXECUTION_ID, IS_PAYLOAD_TRUNCATED, SCHEDULED_TIME,
 * SCHEDULE_ARN). Without a dead-letter queue, or when it cannot take the message, the delivery is
 * dropped with one log line.
 */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final Queues queues;

    DeadLetters(Queues queues) {
        this.queues = queues;
    }

    void send(Delivery delivery, TargetFailure failure, Optional<String> condition, int retryAttempts) {
        Optional<String> dlq = delivery.target().deadLetterArn();
        if (dlq.isEmpty()) {
            LOG.warn("dropping an event of {} for {}: {} ({}), no dead-letter queue", delivery.sourceArn(),
                    delivery.target().arn(), failure.code(), failure.getMessage());
            return;
        }
        try {
            queues.send(dlq.get(), OutgoingMessage.of(delivery.body(), attributes(delivery, failure, condition,
                    retryAttempts)));
        } catch (RuntimeException e) {
            LOG.error("dropping an event of {} for {}: {} ({}), and its dead-letter queue {} did not take it: {}",
                    delivery.sourceArn(), delivery.target().arn(), failure.code(), failure.getMessage(), dlq.get(),
                    e.getMessage());
        }
    }

    static Map<String, MessageAttribute> attributes(Delivery delivery, TargetFailure failure,
                                                    Optional<String> condition, int retryAttempts) {
        Map<String, String> values = new LinkedHashMap<>();
        String message = failure.getMessage() == null || failure.getMessage().isEmpty() ? failure.code() : failure.getMessage();
        if (delivery.origin() == Delivery.Origin.RULE) {
            values.put("RULE_ARN", delivery.sourceArn());
            values.put("TARGET_ARN", delivery.target().arn());
            values.put("ERROR_CODE", failure.code());
            values.put("ERROR_MESSAGE", message);
            condition.ifPresent(c -> values.put("EXHAUSTED_RETRY_CONDITION", c));
            values.put("RETRY_ATTEMPTS", Integer.toString(retryAttempts));
        } else {
            values.put("ERROR_CODE", failure.code());
            values.put("ERROR_MESSAGE", message);
            values.put("EXECUTION_ID", UUID.randomUUID().toString());
            condition.ifPresent(c -> values.put("EXHAUSTED_RETRY_CONDITION", c));
            values.put("IS_PAYLOAD_TRUNCATED", "false");
            values.put("RETRY_ATTEMPTS", Integer.toString(retryAttempts));
            values.put("SCHEDULED_TIME", Envelope.time(delivery.acceptedAt()));
            values.put("SCHEDULE_ARN", delivery.sourceArn());
            values.put("TARGET_ARN", delivery.target().arn());
        }
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, MessageAttribute.string(v)));
        return out;
    }
}
