package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.scheduler.Schedules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule, ListSchedules. */
final class ScheduleOps {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Schedules schedules;
    private final Arns arns;

    ScheduleOps(Schedules schedules, Arns arns) {
        this.schedules = schedules;
        this.arns = arns;
    }

    void register(Map<String, SchedulerOperations.Operation> operations) {
        operations.put("CreateSchedule", this::create);
        operations.put("GetSchedule", this::get);
        operations.put("UpdateSchedule", this::update);
        operations.put("DeleteSchedule", this::delete);
        operations.put("ListSchedules", this::list);
    }

    private JsonNode create(ObjectNode input) {
        ObjectNode doc = ScheduleDefinition.of(input, arns, schedules.now());
        schedules.create(doc);
        return NODES.objectNode().put("ScheduleArn", doc.path("Arn").asText());
    }

    private JsonNode get(ObjectNode input) {
        String group = ScheduleDefinition.group(input);
        String name = input.path("Name").asText();
        if (schedules.group(group).isEmpty()) {
            throw EventBridgeErrors.schedulerNotFound("Schedule group " + group + " does not exist.");
        }
        ObjectNode doc = schedules.schedule(group, name).orElseThrow(() ->
                EventBridgeErrors.schedulerNotFound("Schedule " + name + " does not exist."));
        doc.remove("ClientToken");
        return doc;
    }

    private JsonNode update(ObjectNode input) {
        ObjectNode doc = ScheduleDefinition.of(input, arns, schedules.now());
        schedules.update(doc);
        return NODES.objectNode().put("ScheduleArn", doc.path("Arn").asText());
    }

    private JsonNode delete(ObjectNode input) {
        schedules.delete(ScheduleDefinition.group(input), input.path("Name").asText());
        return NODES.objectNode();
    }

    /**
     * Filtered by group, name prefix and state, ordered by group, then name (a space sorts below
     * every character a name may hold); ScheduleSummary carries the target's ARN only.
     */
    private JsonNode list(ObjectNode input) {
        Optional<String> group = Optional.ofNullable(input.get("GroupName")).map(JsonNode::asText);
        String prefix = input.path("NamePrefix").asText("");
        Optional<String> state = Optional.ofNullable(input.get("State")).map(JsonNode::asText);
        List<ObjectNode> matching = schedules.schedules(group).stream()
                .filter(d -> d.path("Name").asText().startsWith(prefix))
                .filter(d -> state.isEmpty() || state.get().equals(d.path("State").asText()))
                .toList();
        Page page = Page.of(matching, d -> d.path("GroupName").asText() + " " + d.path("Name").asText(), input);
        ObjectNode out = NODES.objectNode();
        var list = out.putArray("Schedules");
        for (ObjectNode d : page.items()) {
            ObjectNode summary = list.addObject();
            for (String member : List.of("Arn", "CreationDate", "GroupName", "LastModificationDate", "Name", "State")) {
                summary.set(member, d.get(member));
            }
            summary.putObject("Target").put("Arn", d.path("Target").path("Arn").asText());
        }
        page.nextToken().ifPresent(t -> out.put("NextToken", t));
        return out;
    }
}
