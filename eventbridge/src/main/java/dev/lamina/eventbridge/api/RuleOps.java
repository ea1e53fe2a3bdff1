package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.eventbridge.rules.EventPatterns;
import dev.lamina.eventbridge.rules.RuleBook;
import dev.lamina.eventbridge.schedule.ScheduleExpression;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PutRule, DescribeRule, DeleteRule, EnableRule, DisableRule, ListRules, ListRuleNamesByTarget.
 * PutRule replaces an existing rule's settings (what it omits is gone, as on AWS) but keeps its
 * targets and tags (tags it gives are added).
 */
final class RuleOps {
    private static final Set<String> STATES = Set.of("ENABLED", "DISABLED");
    /** DescribeRule's and ListRules' members, in the model's order. */
    private static final List<String> DESCRIBED = List.of("Name", "Arn", "EventPattern", "ScheduleExpression", "State",
            "Description", "RoleArn", "EventBusName", "CreatedBy");

    private final RuleBook rules;
    private final String account;

    RuleOps(EventBridgeContext context, RuleBook rules) {
        this.rules = rules;
        this.account = context.settings().account().id();
    }

    void register(Map<String, EventsOperations.Operation> operations) {
        operations.put("PutRule", this::put);
        operations.put("DescribeRule", this::describe);
        operations.put("DeleteRule", this::delete);
        operations.put("EnableRule", in -> setState(in, "ENABLED"));
        operations.put("DisableRule", in -> setState(in, "DISABLED"));
        operations.put("ListRules", this::list);
        operations.put("ListRuleNamesByTarget", this::namesByTarget);
    }

    private JsonNode put(ObjectNode in) {
        String name = Fields.ruleName(in, "Name");
        String bus = Fields.busName(in, "EventBusName");
        Optional<String> pattern = Fields.optional(in, "EventPattern", 4096);
        Optional<String> schedule = Fields.optional(in, "ScheduleExpression", 256);
        Optional<String> description = Fields.optional(in, "Description", 512);
        Optional<String> roleArn = Fields.optional(in, "RoleArn", 1600);
        String state = Fields.optional(in, "State").orElse("ENABLED");
        if (!STATES.contains(state)) {
            throw Fields.invalid(state, "State", "Member must satisfy enum value set: [ENABLED, DISABLED]");
        }
        if (pattern.isEmpty() && schedule.isEmpty()) {
            throw EventBridgeErrors.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        pattern.ifPresent(EventPatterns::check);
        if (schedule.isPresent()) {
            if (!bus.equals(Arns.DEFAULT_BUS)) {
                throw EventBridgeErrors.validation("ScheduleExpression is supported only on the default event bus.");
            }
            ScheduleExpression.forRule(schedule.get());
        }
        return rules.atomically(() -> {
            if (!rules.busExists(bus)) {
                throw EventBridgeErrors.notFound("Event bus " + bus + " does not exist.");
            }
            Optional<ObjectNode> old = rules.rule(bus, name);
            ObjectNode doc = Fields.object().put("Name", name);
            pattern.ifPresent(p -> doc.put("EventPattern", p));
            schedule.ifPresent(s -> doc.put("ScheduleExpression", s));
            doc.put("State", state);
            description.ifPresent(d -> doc.put("Description", d));
            roleArn.ifPresent(r -> doc.put("RoleArn", r));
            doc.put("EventBusName", bus).put("CreatedBy", account);
            doc.set("Tags", Fields.mergeTags(old.map(o -> o.path("Tags")).orElse(Fields.array()), in.get("Tags")));
            doc.set("Targets", old.<JsonNode>map(o -> o.path("Targets").deepCopy()).orElse(Fields.array()));
            rules.putRule(bus, doc);
            return Fields.object().put("RuleArn", rules.arns().rule(bus, name));
        });
    }

    private JsonNode describe(ObjectNode in) {
        String name = Fields.ruleName(in, "Name");
        String bus = Fields.busName(in, "EventBusName");
        return described(existing(bus, name), bus);
    }

    private ObjectNode existing(String bus, String name) {
        return rules.rule(bus, name).orElseThrow(() -> missing(bus, name));
    }

    static RuntimeException missing(String bus, String name) {
        return EventBridgeErrors.notFound("Rule " + name + " does not exist on EventBus " + bus + ".");
    }

    /** The rule as DescribeRule answers it (ListRules' entries are the same but CreatedBy). */
    private ObjectNode described(ObjectNode rule, String bus) {
        ObjectNode out = Fields.object();
        for (String member : DESCRIBED) {
            if (member.equals("Arn")) {
                out.put("Arn", rules.arns().rule(bus, rule.path("Name").asText()));
            } else if (rule.hasNonNull(member)) {
                out.set(member, rule.get(member));
            }
        }
        return out;
    }

    private JsonNode delete(ObjectNode in) {
        String name = Fields.ruleName(in, "Name");
        String bus = Fields.busName(in, "EventBusName");
        rules.atomically(() -> {
            Optional<ObjectNode> rule = rules.rule(bus, name);
            if (rule.isPresent() && !rule.get().path("Targets").isEmpty()) {
                throw EventBridgeErrors.validation("Rule can't be deleted since it has targets.");
            }
            return rules.deleteRule(bus, name);
        });
        return Fields.object();
    }

    private JsonNode setState(ObjectNode in, String state) {
        String name = Fields.ruleName(in, "Name");
        String bus = Fields.busName(in, "EventBusName");
        rules.atomically(() -> {
            ObjectNode rule = existing(bus, name);
            if (!state.equals(rule.path("State").asText())) {
                rule.put("State", state);
                rules.putRule(bus, rule);
            }
            return null;
        });
        return Fields.object();
    }

    private JsonNode list(ObjectNode in) {
        String bus = Fields.busName(in, "EventBusName");
        Optional<String> prefix = Fields.optional(in, "NamePrefix");
        if (!rules.busExists(bus)) {
            throw EventBridgeErrors.notFound("Event bus " + bus + " does not exist.");
        }
        List<ObjectNode> all = rules.rules(bus).stream()
                .filter(r -> prefix.isEmpty() || r.path("Name").asText().startsWith(prefix.get())).toList();
        Fields.Page<ObjectNode> page = Fields.page(in, all, r -> r.path("Name").asText());
        ObjectNode out = Fields.object();
        var entries = out.putArray("Rules");
        page.items().forEach(r -> {
            ObjectNode entry = described(r, bus);
            entry.remove("CreatedBy");
            entries.add(entry);
        });
        page.nextToken(out);
        return out;
    }

    private JsonNode namesByTarget(ObjectNode in) {
        String arn = Fields.required(in, "TargetArn");
        String bus = Fields.busName(in, "EventBusName");
        if (!rules.busExists(bus)) {
            throw EventBridgeErrors.notFound("Event bus " + bus + " does not exist.");
        }
        List<String> names = rules.rules(bus).stream()
                .filter(r -> r.path("Targets").valueStream().anyMatch(t -> t.path("Arn").asText().equals(arn)))
                .map(r -> r.path("Name").asText()).toList();
        Fields.Page<String> page = Fields.page(in, names, n -> n);
        ObjectNode out = Fields.object();
        var entries = out.putArray("RuleNames");
        page.items().forEach(entries::add);
        page.nextToken(out);
        return out;
    }
}
