package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.data.Dataflow;
import dev.lamina.workflows.data.Outcome;
import dev.lamina.workflows.data.Scope;
import dev.lamina.workflows.data.StatesError;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tiny dataflow for the engine's unit tests, independent of the real JSONPath/JSONata ones: Result,
 * Parameters (literal; {@code "$$.Task.Token"}, {@code "$$.State.RetryCount"} and {@code "$.x"} values
 * resolved), ResultPath {@code $.x} or null, Assign of literals, Choice on {@code Variable} with
 * NumericEquals/StringEquals/BooleanEquals, Wait Seconds, Fail Error/Cause, ItemsPath {@code $.x}.
 */
class FakeDataflow implements Dataflow {

    private static JsonNode resolve(JsonNode template, JsonNode input, Scope scope) {
        if (template.isTextual()) {
            String t = template.asText();
            if (t.equals("$$.Task.Token")) {
                return scope.context().path("Task").path("Token");
            }
            if (t.equals("$$.State.RetryCount")) {
                return scope.context().path("State").path("RetryCount");
            }
            if (t.equals("$")) {
                return input;
            }
            if (t.startsWith("$.")) {
                return input.path(t.substring(2));
            }
            if (t.startsWith("$") && !t.startsWith("$$")) {
                return scope.variables().getOrDefault(t.substring(1), Json.MAPPER.nullNode());
            }
        }
        if (template.isObject()) {
            ObjectNode o = Json.object();
            template.properties().forEach(e -> o.set(e.getKey(), resolve(e.getValue(), input, scope)));
            return o;
        }
        return template;
    }

    private static JsonNode place(JsonNode input, JsonNode result, JsonNode resultPath) {
        if (resultPath == null || resultPath.isMissingNode()) {
            return result;
        }
        if (resultPath.isNull()) {
            return input;
        }
        ObjectNode copy = input.isObject() ? ((ObjectNode) input).deepCopy() : Json.object();
        copy.set(resultPath.asText().substring(2), result);
        return copy;
    }

    private static Map<String, JsonNode> assign(JsonNode assign, JsonNode input, Scope scope) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (assign != null) {
            assign.properties().forEach(e -> out.put(e.getKey(), resolve(e.getValue(), input, scope)));
        }
        return out;
    }

    @Override
    public Outcome pass(StateNode st, JsonNode input, Scope scope) throws StatesError {
        JsonNode result = st.json().has("Result") ? st.json().get("Result") : input;
        return new Outcome(place(input, result, st.json().get("ResultPath")), assign(st.json().get("Assign"), input, scope));
    }

    @Override
    public JsonNode effectiveInput(StateNode st, JsonNode input, Scope scope) {
        return st.json().has("Parameters") ? resolve(st.json().get("Parameters"), input, scope) : input;
    }

    @Override
    public Outcome output(StateNode st, JsonNode input, JsonNode result, Scope scope) {
        return new Outcome(place(input, result, st.json().get("ResultPath")), assign(st.json().get("Assign"), result, scope));
    }

    @Override
    public Outcome caught(StateNode st, ObjectNode catcher, JsonNode input, ObjectNode errorOutput, Scope scope) {
        return Outcome.of(place(input, errorOutput, catcher.get("ResultPath")));
    }

    @Override
    public Choice choose(StateNode st, JsonNode input, Scope scope) {
        for (JsonNode rule : st.json().path("Choices")) {
            JsonNode v = input.path(rule.path("Variable").asText().substring(2));
            for (String op : List.of("NumericEquals", "StringEquals", "BooleanEquals")) {
                if (rule.has(op) && rule.get(op).equals(v)) {
                    return new Choice(Optional.of(rule.get("Next").asText()), Outcome.of(input));
                }
            }
        }
        return new Choice(st.text("Default"), Outcome.of(input));
    }

    @Override
    public Waiting waitUntil(StateNode st, JsonNode input, Scope scope, Instant now) {
        return new Waiting(now.plusSeconds(st.json().path("Seconds").asLong()), Outcome.of(input));
    }

    @Override
    public Outcome passThrough(StateNode st, JsonNode input, Scope scope) {
        return Outcome.of(input);
    }

    @Override
    public Failure failure(StateNode st, JsonNode input, Scope scope) {
        return new Failure(st.text("Error"), st.text("Cause"));
    }

    @Override
    public List<JsonNode> items(StateNode st, JsonNode input, Scope scope) throws StatesError {
        JsonNode items = st.json().has("ItemsPath") ? input.path(st.json().get("ItemsPath").asText().substring(2)) : input;
        if (!items.isArray()) {
            throw new StatesError("States.Runtime", "Map state input must be an array but was: " + items);
        }
        List<JsonNode> out = new ArrayList<>();
        ((ArrayNode) items).forEach(out::add);
        return out;
    }

    @Override
    public JsonNode item(StateNode st, JsonNode input, JsonNode value, int index, Scope scope) {
        return value;
    }

    @Override
    public TaskLimits taskLimits(StateNode st, JsonNode input, Scope scope) {
        return new TaskLimits(seconds(st, "TimeoutSeconds"), seconds(st, "HeartbeatSeconds"));
    }

    private static Optional<Duration> seconds(StateNode st, String field) {
        return st.json().has(field) ? Optional.of(Duration.ofSeconds(st.json().get(field).asLong())) : Optional.empty();
    }

    @Override
    public MapLimits mapLimits(StateNode st, JsonNode input, Scope scope) {
        JsonNode j = st.json();
        return new MapLimits(j.path("MaxConcurrency").asInt(0),
                j.has("ToleratedFailureCount") ? OptionalInt.of(j.get("ToleratedFailureCount").asInt()) : OptionalInt.empty(),
                j.has("ToleratedFailurePercentage") ? Optional.of(j.get("ToleratedFailurePercentage").asDouble())
                        : Optional.empty());
    }
}
