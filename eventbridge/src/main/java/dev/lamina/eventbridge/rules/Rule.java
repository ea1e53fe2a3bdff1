package dev.lamina.eventbridge.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.target.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One rule as the book holds it: its stored document (model member names: Name, EventPattern,
 * ScheduleExpression, State, Description, RoleArn, EventBusName, CreatedBy, Tags, and Targets, the
 * targets exactly as PutTargets set them) and its targets parsed for delivery. Immutable: a
 * change replaces the whole rule.
 */
record Rule(String bus, String name, ObjectNode document, List<Target> targets) {
    Rule {
        document = document.deepCopy();
        targets = List.copyOf(targets);
    }

    static Rule of(String bus, ObjectNode document) {
        List<Target> targets = new ArrayList<>();
        document.path("Targets").forEach(t -> targets.add(Target.of(t)));
        return new Rule(bus, document.path("Name").asText(), document, targets);
    }

    boolean enabled() {
        return !"DISABLED".equals(document.path("State").asText("ENABLED"));
    }

    Optional<String> pattern() {
        return text("EventPattern");
    }

    Optional<String> schedule() {
        return text("ScheduleExpression");
    }

    /** The pattern the bus's machine holds for this rule: enabled rules with an EventPattern only. */
    Optional<String> activePattern() {
        return enabled() ? pattern() : Optional.empty();
    }

    private Optional<String> text(String member) {
        JsonNode v = document.get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
