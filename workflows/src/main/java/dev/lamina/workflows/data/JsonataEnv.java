package dev.lamina.workflows.data;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one state's JSONata expressions see: {@code $states} ({@code input}, {@code context}, and
 * {@code result} after a Task, Parallel or Map, {@code errorOutput} in a Catch) and each variable
 * of the scope as {@code $name}, as the state found them (Assign never sees its own state's
 * assignments). Values are converted to JSONata's form once, on first use.
 */
final class JsonataEnv {
    private final String stateName;
    private final long enteredEventId;
    private final JsonNode input;
    private final ObjectNode context;
    private final Optional<JsonNode> result;
    private final Optional<JsonNode> errorOutput;
    private final Map<String, JsonNode> variables;
    private Map<String, Object> converted;

    private JsonataEnv(String stateName, long enteredEventId, JsonNode input, ObjectNode context,
                       Optional<JsonNode> result, Optional<JsonNode> errorOutput, Map<String, JsonNode> variables) {
        this.stateName = stateName;
        this.enteredEventId = enteredEventId;
        this.input = input;
        this.context = context;
        this.result = result;
        this.errorOutput = errorOutput;
        this.variables = variables;
    }

    static JsonataEnv of(String stateName, JsonNode input, Scope scope) {
        return new JsonataEnv(stateName, scope.enteredEventId(), input, scope.context(), Optional.empty(),
                Optional.empty(), scope.variables());
    }

    /** The same environment with {@code $states.result}. */
    JsonataEnv withResult(JsonNode value) {
        return new JsonataEnv(stateName, enteredEventId, input, context, Optional.of(value), errorOutput, variables);
    }

    /** The same environment with {@code $states.errorOutput}. */
    JsonataEnv withErrorOutput(JsonNode value) {
        return new JsonataEnv(stateName, enteredEventId, input, context, result, Optional.of(value), variables);
    }

    /** The same environment with another context object (a Map iteration's, with Map.Item). */
    JsonataEnv withContext(ObjectNode value) {
        return new JsonataEnv(stateName, enteredEventId, input, value, result, errorOutput, variables);
    }

    String stateName() {
        return stateName;
    }

    void bindInto(Jsonata.Frame frame) {
        if (converted == null) {
            Map<String, Object> all = new HashMap<>();
            variables.forEach((name, value) -> all.put(name, JsonataValues.toJsonata(value)));
            Map<String, Object> states = new LinkedHashMap<>();
            states.put("input", JsonataValues.toJsonata(input));
            states.put("context", JsonataValues.toJsonata(context));
            result.ifPresent(r -> states.put("result", JsonataValues.toJsonata(r)));
            errorOutput.ifPresent(e -> states.put("errorOutput", JsonataValues.toJsonata(e)));
            all.put("states", states);
            converted = all;
        }
        converted.forEach(frame::bind);
    }

    /** AWS's prefix for a failure of this state. */
    String prefix() {
        return "An error occurred while executing the state '" + stateName + "' (entered at the event id #"
                + enteredEventId + "). ";
    }

    /** A States.QueryEvaluationError of {@code field} with AWS's prefix before {@code message}. */
    StatesError failure(String field, String message) {
        return new StatesError(ErrorNames.QUERY_EVALUATION_ERROR, Optional.of(prefix() + message), Optional.of(field));
    }
}
