package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.scheduler.Schedules;

import java.util.List;
import java.util.Map;

/**
 * CreateScheduleGroup, GetScheduleGroup, DeleteScheduleGroup (its schedules with it; AWS deletes
 * them asynchronously, showing the group DELETING meanwhile, Lamina at once), ListScheduleGroups.
 */
final class GroupOps {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Schedules schedules;

    GroupOps(Schedules schedules) {
        this.schedules = schedules;
    }

    void register(Map<String, SchedulerOperations.Operation> operations) {
        operations.put("CreateScheduleGroup", this::create);
        operations.put("GetScheduleGroup", this::get);
        operations.put("DeleteScheduleGroup", this::delete);
        operations.put("ListScheduleGroups", this::list);
    }

    private JsonNode create(ObjectNode input) {
        String arn = schedules.createGroup(input.path("Name").asText(), TagOps.tags(input.path("Tags")),
                java.util.Optional.ofNullable(input.get("ClientToken")).map(JsonNode::asText));
        return NODES.objectNode().put("ScheduleGroupArn", arn);
    }

    private JsonNode get(ObjectNode input) {
        String name = input.path("Name").asText();
        return summary(schedules.group(name).orElseThrow(() ->
                EventBridgeErrors.schedulerNotFound("Schedule group " + name + " does not exist.")));
    }

    private JsonNode delete(ObjectNode input) {
        String name = input.path("Name").asText();
        if (name.equals(Schedules.DEFAULT_GROUP)) {
            throw EventBridgeErrors.validation("The default schedule group cannot be deleted.");
        }
        schedules.deleteGroup(name);
        return NODES.objectNode();
    }

    private JsonNode list(ObjectNode input) {
        String prefix = input.path("NamePrefix").asText("");
        List<ObjectNode> matching = schedules.groups().stream()
                .filter(g -> g.path("Name").asText().startsWith(prefix)).toList();
        Page page = Page.of(matching, g -> g.path("Name").asText(), input);
        ObjectNode out = NODES.objectNode();
        var list = out.putArray("ScheduleGroups");
        page.items().forEach(g -> list.add(summary(g)));
        page.nextToken().ifPresent(t -> out.put("NextToken", t));
        return out;
    }

    /** A group as GetScheduleGroup and ScheduleGroupSummary show it (its tags are ListTagsForResource's). */
    private static ObjectNode summary(ObjectNode group) {
        ObjectNode out = NODES.objectNode();
        for (String member : List.of("Arn", "CreationDate", "LastModificationDate", "Name", "State")) {
            out.set(member, group.get(member));
        }
        return out;
    }
}
