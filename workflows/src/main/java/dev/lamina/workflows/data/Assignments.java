package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSONPath Assign: a payload template whose top-level fields are variable names. Every value is
 * evaluated against the same {@code $} and the variables as they were before the state, so one
 * assignment never sees another of the same Assign.
 */
final class Assignments {
    private Assignments() {
    }

    static Map<String, JsonNode> evaluate(JsonNode assign, JsonNode dollar, Scope scope, Failures.Where where)
            throws StatesError {
        if (assign == null || !assign.isObject() || assign.isEmpty()) {
            return Map.of();
        }
        JsonNode values = PayloadTemplate.evaluate(assign, dollar, scope, where);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        values.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
