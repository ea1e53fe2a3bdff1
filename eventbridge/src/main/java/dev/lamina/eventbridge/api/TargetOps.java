package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.input.TargetInput;
import dev.lamina.eventbridge.rules.RuleBook;
import dev.lamina.eventbridge.target.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PutTargets, RemoveTargets, ListTargetsByRule. A rule's targets live in its document, exactly as
 * set (ListTargetsByRule answers them so), in the order they were first set; a target set again
 * under the same Id replaces it. Neither a target's Arn nor its RoleArn is checked for existence
 * (as AWS): they are used when delivering.
 */
final class TargetOps {
    /** Targets per rule, as AWS's quota. */
    static final int MAX_TARGETS = 5;

    private final RuleBook rules;

    TargetOps(EventBridgeContext context, RuleBook rules) {
        this.rules = rules;
    }

    void register(Map<String, EventsOperations.Operation> operations) {
        operations.put("PutTargets", this::put);
        operations.put("RemoveTargets", this::remove);
        operations.put("ListTargetsByRule", this::list);
    }

    private JsonNode put(ObjectNode in) {
        String name = Fields.ruleName(in, "Rule");
        String bus = Fields.busName(in, "EventBusName");
        List<ObjectNode> given = targets(in);
        // Every target is checked before anything changes: one invalid target fails the whole call, as on AWS.
        for (ObjectNode target : given) {
            Fields.matching(Fields.required(target, "Id"), "Targets.member.Id", Fields.RULE_NAME,
                    "[\\.\\-_A-Za-z0-9]+", 64);
            String arn = Fields.required(target, "Arn");
            if (arn.isEmpty() || arn.length() > 1600) {
                throw Fields.invalid(arn, "Targets.member.Arn", "Member must have length between 1 and 1600");
            }
            if (!arn.startsWith("arn:")) {
                throw EventBridgeErrors.validation("Parameter " + arn + " is not valid. Reason: Provided Arn is not in"
                        + " correct format.");
            }
            TargetInput.check(Target.of(target));
        }
        return rules.atomically(() -> {
            ObjectNode rule = rules.rule(bus, name).orElseThrow(() -> RuleOps.missing(bus, name));
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            rule.path("Targets").forEach(t -> byId.put(t.path("Id").asText(), t));
            given.forEach(t -> byId.put(t.path("Id").asText(), t));
            if (byId.size() > MAX_TARGETS) {
                throw EventBridgeErrors.limitExceeded("The requested resource exceeds the maximum number allowed.");
            }
            ArrayNode targets = rule.putArray("Targets");
            byId.values().forEach(targets::add);
            rules.putRule(bus, rule);
            ObjectNode out = Fields.object().put("FailedEntryCount", 0);
            out.putArray("FailedEntries");
            return out;
        });
    }

    private static List<ObjectNode> targets(ObjectNode in) {
        JsonNode list = in.get("Targets");
        if (list == null || list.isNull()) {
            throw Fields.invalid(null, "Targets", "Member must not be null");
        }
        if (!list.isArray() || list.isEmpty() || list.size() > 100) {
            throw Fields.invalid("[]", "Targets", "Member must have length between 1 and 100");
        }
        List<ObjectNode> targets = new ArrayList<>();
        for (JsonNode t : list) {
            if (!t.isObject()) {
                throw EventBridgeErrors.validation("Parameter Targets is not valid.");
            }
            targets.add((ObjectNode) t);
        }
        return targets;
    }

    private JsonNode remove(ObjectNode in) {
        String name = Fields.ruleName(in, "Rule");
        String bus = Fields.busName(in, "EventBusName");
        JsonNode ids = in.get("Ids");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            throw Fields.invalid(ids == null ? null : ids.toString(), "Ids", ids == null ? "Member must not be null"
                    : "Member must have length between 1 and 100");
        }
        List<String> remove = new ArrayList<>();
        ids.forEach(id -> remove.add(Fields.matching(id.asText(), "Ids.member", Fields.RULE_NAME,
                "[\\.\\-_A-Za-z0-9]+", 64)));
        return rules.atomically(() -> {
            ObjectNode rule = rules.rule(bus, name).orElseThrow(() -> RuleOps.missing(bus, name));
            ArrayNode kept = Fields.array();
            rule.path("Targets").forEach(t -> {
                if (!remove.contains(t.path("Id").asText())) {
                    kept.add(t);
                }
            });
            if (kept.size() != rule.path("Targets").size()) {
                rule.set("Targets", kept);
                rules.putRule(bus, rule);
            }
            ObjectNode out = Fields.object().put("FailedEntryCount", 0);
            out.putArray("FailedEntries");
            return out;
        });
    }

    private JsonNode list(ObjectNode in) {
        String name = Fields.ruleName(in, "Rule");
        String bus = Fields.busName(in, "EventBusName");
        ObjectNode rule = rules.rule(bus, name).orElseThrow(() -> RuleOps.missing(bus, name));
        List<JsonNode> targets = new ArrayList<>();
        rule.path("Targets").forEach(targets::add);
        // Pages follow the targets' order, so the token is a position, written as the key of the next one.
        List<String> order = targets.stream().map(t -> String.format("%03d", targets.indexOf(t))).toList();
        Fields.Page<String> page = Fields.page(in, order, k -> k);
        ObjectNode out = Fields.object();
        ArrayNode entries = out.putArray("Targets");
        page.items().forEach(k -> entries.add(targets.get(Integer.parseInt(k))));
        page.nextToken(out);
        return out;
    }
}
