package dev.lamina.eventbridge.delivery;

import dev.lamina.eventbridge.target.Target;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivery owed to one target: what a matched rule or a fired schedule leaves in the delivery
 * log, until the target took it or its retry policy gave up (then its dead-letter queue gets it).
 *
 * @param origin     who owes it, which decides how the target is authorized: a rule's Lambda target
 *                   by the function's resource policy ({@code events.amazonaws.com}), a schedule's by
 *                   its RoleArn
 * @param sourceArn  the rule's or the schedule's ARN
 * @param body       what the target receives: the event after Input/InputPath/InputTransformer, or
 *                   the schedule's Input as is; for an event bus target, the event itself
 * @param acceptedAt when the event was accepted (or the schedule fired): its age, which the retry
 *                   policy's MaximumEventAgeInSeconds bounds, counts from here
 */
public record Delivery(Origin origin, String sourceArn, Target target, String body, Instant acceptedAt) {
    public enum Origin { RULE, SCHEDULE }

    public Delivery {
        Objects.requireNonNull(origin);
        Objects.requireNonNull(sourceArn);
        Objects.requireNonNull(target);
        Objects.requireNonNull(body);
        Objects.requireNonNull(acceptedAt);
    }
}
