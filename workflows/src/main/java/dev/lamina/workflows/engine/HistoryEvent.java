package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of an execution's history, as GetExecutionHistory answers it (HistoryEvent in the model).
 *
 * @param id              1 for ExecutionStarted, then one more per event
 * @param previousEventId 0 for the first event; otherwise the event this one follows from (AWS's rules:
 *                        within a Parallel branch or Map iteration, the previous event of that branch)
 * @param type            the model's HistoryEventType ({@code PassStateEntered}, {@code TaskScheduled}, …)
 * @param details         the event's one {@code *EventDetails} member, keyed by its model name
 *                        (e.g. {@code {"stateEnteredEventDetails": {"name": "S", "input": "{}", "inputDetails": {"truncated": false}}}}),
 *                        or an empty object
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {
    public HistoryEvent {
        Objects.requireNonNull(timestamp);
        Objects.requireNonNull(type);
        Objects.requireNonNull(details);
    }
}
