package dev.lamina.store.events;

import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import dev.lamina.model.TraceHeader;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Work the asynchronous side owes someone, kept durably until it is done. */
public sealed interface Task {

    /**
     * An asynchronous invocation: the event a caller handed over with InvocationType Event.
     *
     * @param requestId  the 202's request id, the function's awsRequestId on every attempt
     * @param receivedAt when Lamina accepted it, from which its age is counted
     * @param hops       how many asynchronous invocations led to this one through destinations
     * @param trace      the trace the event belongs to, kept across attempts and restarts
     */
    record Invoke(String requestId, FunctionName function, Optional<Qualifier> qualifier, byte[] payload,
                  Instant receivedAt, int hops, Optional<TraceHeader> trace) implements Task {
        public Invoke {
            Objects.requireNonNull(requestId);
            Objects.requireNonNull(function);
            Objects.requireNonNull(qualifier);
            Objects.requireNonNull(payload);
            Objects.requireNonNull(receivedAt);
            Objects.requireNonNull(trace);
        }
    }

    /**
     * A message for an SQS queue: a destination's invocation record, or a dead-letter queue's event.
     *
     * @param queueArn   {@code arn:aws:sqs:<region>:<account>:<name>}
     * @param attributes message attributes, all of type String
     * @param createdAt  when the delivery was first attempted, from which its retries are counted
     */
    record SendToQueue(String queueArn, String body, Map<String, String> attributes, Instant createdAt)
            implements Task {
        public SendToQueue {
            Objects.requireNonNull(queueArn);
            Objects.requireNonNull(body);
            attributes = Map.copyOf(attributes);
            Objects.requireNonNull(createdAt);
        }
    }

    /**
     * One delivery owed to one EventBridge target (EventBridge's own log, not the asynchronous one).
     *
     * @param origin     {@code RULE} or {@code SCHEDULE}: how the target is authorized
     * @param sourceArn  the rule's or the schedule's ARN
     * @param target     the target as its model document (JSON text)
     * @param body       what the target receives
     * @param acceptedAt when the event was accepted or the schedule fired; its age counts from here
     */
    record Deliver(String origin, String sourceArn, String target, String body, Instant acceptedAt) implements Task {
        public Deliver {
            Objects.requireNonNull(origin);
            Objects.requireNonNull(sourceArn);
            Objects.requireNonNull(target);
            Objects.requireNonNull(body);
            Objects.requireNonNull(acceptedAt);
        }
    }
}
