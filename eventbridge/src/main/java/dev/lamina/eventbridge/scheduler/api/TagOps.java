package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.scheduler.Schedules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource, ListTagsForResource. Only schedule groups carry tags on AWS (the
 * model's TagResourceArn names {@code schedule-group/<name>} only; schedules have none); an ARN of
 * another region or account, or of a group that does not exist, is ResourceNotFoundException.
 */
final class TagOps {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern GROUP_ARN =
            Pattern.compile("arn:aws(?:-[a-z]+)?:scheduler:([a-z0-9-]+):(\\d{12}):schedule-group/([0-9a-zA-Z-_.]+)");

    private final Schedules schedules;
    private final String groupArnPrefix;

    TagOps(Schedules schedules, String groupArnPrefix) {
        this.schedules = schedules;
        this.groupArnPrefix = groupArnPrefix;
    }

    void register(Map<String, SchedulerOperations.Operation> operations) {
        operations.put("TagResource", this::tag);
        operations.put("UntagResource", this::untag);
        operations.put("ListTagsForResource", this::list);
    }

    /** A TagList ({@code [{"Key", "Value"}]}) as entries; a repeated key keeps its last value. */
    static List<Map.Entry<String, String>> tags(JsonNode list) {
        Map<String, String> tags = new LinkedHashMap<>();
        list.forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        return List.copyOf(tags.entrySet());
    }

    private JsonNode tag(ObjectNode input) {
        String group = group(input.path("ResourceArn").asText());
        List<Map.Entry<String, String>> added = tags(input.path("Tags"));
        schedules.retagGroup(group, old -> {
            Map<String, String> merged = new LinkedHashMap<>();
            old.forEach(e -> merged.put(e.getKey(), e.getValue()));
            added.forEach(e -> merged.put(e.getKey(), e.getValue()));
            return List.copyOf(merged.entrySet());
        });
        return NODES.objectNode();
    }

    private JsonNode untag(ObjectNode input) {
        String group = group(input.path("ResourceArn").asText());
        Set<String> keys = new java.util.HashSet<>();
        input.path("TagKeys").forEach(k -> keys.add(k.asText()));
        schedules.retagGroup(group, old -> old.stream().filter(e -> !keys.contains(e.getKey())).toList());
        return NODES.objectNode();
    }

    private JsonNode list(ObjectNode input) {
        String group = group(input.path("ResourceArn").asText());
        ObjectNode out = NODES.objectNode();
        var list = out.putArray("Tags");
        schedules.group(group).ifPresent(g -> g.path("Tags").forEach(t -> list.add(t.deepCopy())));
        return out;
    }

    /** The name of the existing group an ARN names. */
    private String group(String arn) {
        Matcher m = GROUP_ARN.matcher(arn);
        if (!m.matches()) {
            throw EventBridgeErrors.validation("Invalid ResourceArn " + arn + ": only schedule groups can be tagged.");
        }
        String name = m.group(3);
        if (!arn.startsWith(groupArnPrefix) || schedules.group(name).isEmpty()) {
            throw EventBridgeErrors.schedulerNotFound("Schedule group " + name + " does not exist.");
        }
        return name;
    }
}
