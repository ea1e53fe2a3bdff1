package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.scheduler.Schedules;

import java.util.Set;

/** TODO(scheduler): Scheduler's operations; stub laid by the contract commit. */
public final class SchedulerOperations implements SchedulerApi {
    public SchedulerOperations(EventBridgeContext context, Schedules schedules) {
    }

    @Override
    public Set<String> operations() {
        return Set.of();
    }

    @Override
    public String resource(String operation, ObjectNode input) {
        return "*";
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input) {
        throw EventBridgeErrors.validation("not yet");
    }
}
