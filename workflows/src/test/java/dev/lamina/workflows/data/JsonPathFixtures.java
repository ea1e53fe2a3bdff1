package dev.lamina.workflows.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.QueryLanguage;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.asl.StateType;

import java.util.List;
import java.util.Map;

/** Small builders for the JSONPath dataflow's unit tests: JSON from text with single quotes, states, scopes. */
final class JsonPathFixtures {
    private JsonPathFixtures() {
    }

    /** JSON from text where {@code `} stands for {@code "} (so tests can write JSON inline). */
    static JsonNode json(String text) {
        try {
            return Paths.JSON.readTree(text.replace('`', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static StateNode state(String text) {
        ObjectNode json = (ObjectNode) json(text);
        return new StateNode("S", StateType.parse(json.path("Type").asText()).orElseThrow(), json,
                QueryLanguage.JSONPATH, List.of());
    }

    static Scope scope() {
        return scope(Map.of());
    }

    static Scope scope(Map<String, JsonNode> variables) {
        ObjectNode context = (ObjectNode) json("{`Execution`: {`Id`: `arn:aws:states:us-east-1:000000000000:execution:m:e`,"
                + " `Input`: {`in`: 1}}, `State`: {`Name`: `S`}}");
        return new Scope(context, variables, 7);
    }

    static Failures.Where where() {
        return new Failures.Where("S", 7);
    }
}
