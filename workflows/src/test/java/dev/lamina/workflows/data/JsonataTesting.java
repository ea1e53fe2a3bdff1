package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.QueryLanguage;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.asl.StateType;

import java.util.List;
import java.util.Map;

/** Small builders for the JSONata unit tests: JSON from text, states, scopes. */
final class JsonataTesting {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonataTesting() {
    }

    /** JSON from text written with single quotes (swapped for double quotes). */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** JSON from text as written (for expressions that need single quotes). */
    static JsonNode raw(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static StateNode state(StateType type, JsonNode json) {
        return new StateNode("S", type, (ObjectNode) json, QueryLanguage.JSONATA, List.of());
    }

    static Scope scope(Map<String, JsonNode> variables) {
        ObjectNode context = JSON.createObjectNode();
        context.putObject("Execution").put("Name", "run");
        context.putObject("State").put("Name", "S");
        return new Scope(context, variables, 2);
    }

    static Scope scope() {
        return scope(Map.of());
    }

    static JsonataEnv env(JsonNode input) {
        return JsonataEnv.of("S", input, scope());
    }

    static JsonataEnv env(JsonNode input, Map<String, JsonNode> variables) {
        return JsonataEnv.of("S", input, scope(variables));
    }

    /** The value of one expression (without braces) for {@code input}. */
    static JsonNode eval(String expression, JsonNode input) throws StatesError {
        return JsonataExpressions.evaluate(expression, "Output", env(input));
    }

    static final String PREFIX = "An error occurred while executing the state 'S' (entered at the event id #2). ";
}
