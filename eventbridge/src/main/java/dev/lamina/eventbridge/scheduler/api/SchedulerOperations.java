package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.scheduler.Schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@link SchedulerApi} as a table from operation name to its handler; each group of operations registers its own. */
public final class SchedulerOperations implements SchedulerApi {

    /** One operation: the input in, the output document out. */
    interface Operation {
        JsonNode run(ObjectNode input);
    }

    private final Arns arns;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    public SchedulerOperations(EventBridgeContext context, Schedules schedules) {
        this(context.arns(), schedules);
    }

    public SchedulerOperations(Arns arns, Schedules schedules) {
        this.arns = arns;
        new ScheduleOps(schedules, arns).register(operations);
        new GroupOps(schedules).register(operations);
        new TagOps(schedules, arns.scheduleGroup("")).register(operations);
    }

    @Override
    public Set<String> operations() {
        return Set.copyOf(operations.keySet());
    }

    /**
     * A schedule's ARN for the schedule operations, a group's for the group operations, the named
     * ARN for the tag operations, {@code *} for the listings (as Scheduler's IAM resources are).
     */
    @Override
    public String resource(String operation, ObjectNode input) {
        String name = input.path("Name").asText("*");
        return switch (operation) {
            case "CreateSchedule", "GetSchedule", "UpdateSchedule", "DeleteSchedule" ->
                    arns.schedule(ScheduleDefinition.group(input), name);
            case "CreateScheduleGroup", "GetScheduleGroup", "DeleteScheduleGroup" -> arns.scheduleGroup(name);
            case "TagResource", "UntagResource", "ListTagsForResource" -> input.path("ResourceArn").asText("*");
            default -> "*";
        };
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input) {
        Operation op = operations.get(operation);
        if (op == null) {
            throw EventBridgeErrors.validation("The operation " + operation + " is not supported by Lamina.");
        }
        return op.run(input);
    }
}
