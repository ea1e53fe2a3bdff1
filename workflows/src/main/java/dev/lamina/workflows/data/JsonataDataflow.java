package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.StateNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link Dataflow} of states written in JSONata: Arguments, Output, Assign, Items, ItemSelector
 * and the {@code {% %}} forms of Condition, Seconds, Timestamp, Error, Cause and the limits, with
 * {@code $states} and the scope's variables bound (see {@link JsonataEnv}).
 *
 * <p>Outputs as AWS: a state without Output passes on its result (Task, Parallel, Map), its error
 * output (a Catch) or its input (Pass, Wait, Choice, Succeed). A Choice takes the matching rule's
 * Output and Assign, or, on its Default, the state's own.
 */
final class JsonataDataflow implements Dataflow {
    static final JsonataDataflow INSTANCE = new JsonataDataflow();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public Outcome pass(StateNode state, JsonNode input, Scope scope) throws StatesError {
        return outcome(state.json(), input, JsonataEnv.of(state.name(), input, scope));
    }

    @Override
    public JsonNode effectiveInput(StateNode state, JsonNode input, Scope scope) throws StatesError {
        JsonNode arguments = state.json().get("Arguments");
        if (arguments == null) {
            return input;
        }
        return JsonataTemplate.evaluate(arguments, "Arguments", JsonataEnv.of(state.name(), input, scope));
    }

    @Override
    public Outcome output(StateNode state, JsonNode input, JsonNode result, Scope scope) throws StatesError {
        return outcome(state.json(), result, JsonataEnv.of(state.name(), input, scope).withResult(result));
    }

    @Override
    public Outcome caught(StateNode state, ObjectNode catcher, JsonNode input, ObjectNode errorOutput, Scope scope)
            throws StatesError {
        return outcome(catcher, errorOutput, JsonataEnv.of(state.name(), input, scope).withErrorOutput(errorOutput));
    }

    @Override
    public Choice choose(StateNode state, JsonNode input, Scope scope) throws StatesError {
        JsonataEnv env = JsonataEnv.of(state.name(), input, scope);
        for (JsonNode rule : state.json().path("Choices")) {
            if (condition(rule.get("Condition"), env)) {
                return new Choice(Optional.of(rule.path("Next").asText()), outcome(rule, input, env));
            }
        }
        Optional<String> fallback = state.text("Default");
        if (fallback.isEmpty()) {
            return new Choice(Optional.empty(), Outcome.of(input));
        }
        return new Choice(fallback, outcome(state.json(), input, env));
    }

    /** A rule's Condition: {@code true}/{@code false} as written, or an expression that must give a boolean. */
    private static boolean condition(JsonNode condition, JsonataEnv env) throws StatesError {
        Optional<JsonataFields.Value> v = JsonataFields.value(condition, "Condition", env);
        if (v.isEmpty() || !v.get().json().isBoolean()) {
            throw v.map(value -> value.wrongType("Condition", "boolean", env))
                    .orElseGet(() -> env.failure("Condition", "The Condition field is missing."));
        }
        return v.get().json().booleanValue();
    }

    @Override
    public Waiting waitUntil(StateNode state, JsonNode input, Scope scope, Instant now) throws StatesError {
        JsonataEnv env = JsonataEnv.of(state.name(), input, scope);
        Optional<Long> seconds = JsonataFields.integer(state.json().get("Seconds"), "Seconds", 0, env);
        Instant until;
        if (seconds.isPresent()) {
            until = now.plusSeconds(seconds.get());
        } else {
            until = JsonataFields.timestamp(state.json().get("Timestamp"), env).orElse(now);
        }
        return new Waiting(until, outcome(state.json(), input, env));
    }

    @Override
    public Outcome passThrough(StateNode state, JsonNode input, Scope scope) throws StatesError {
        JsonNode output = state.json().get("Output");
        if (output == null) {
            return Outcome.of(input);
        }
        return Outcome.of(JsonataTemplate.evaluate(output, "Output", JsonataEnv.of(state.name(), input, scope)));
    }

    @Override
    public Failure failure(StateNode state, JsonNode input, Scope scope) throws StatesError {
        JsonataEnv env = JsonataEnv.of(state.name(), input, scope);
        Optional<String> error = JsonataFields.text(state.json().get("Error"), "Error", env);
        Optional<String> cause = JsonataFields.text(state.json().get("Cause"), "Cause", env);
        return new Failure(error, cause);
    }

    @Override
    public List<JsonNode> items(StateNode state, JsonNode input, Scope scope) throws StatesError {
        JsonataEnv env = JsonataEnv.of(state.name(), input, scope);
        JsonNode items = state.json().get("Items");
        JsonNode array;
        if (items == null) {
            if (!input.isArray()) {
                throw new StatesError(ErrorNames.QUERY_EVALUATION_ERROR,
                        env.prefix() + "Map state input must be an array but was: " + input);
            }
            array = input;
        } else {
            if (JsonataExpressions.isExpression(items)) {
                JsonataFields.Value v = JsonataFields.value(items, "Items", env).orElseThrow();
                if (!v.json().isArray()) {
                    throw v.wrongType("Items", "array", env);
                }
                array = v.json();
            } else {
                array = JsonataTemplate.evaluate(items, "Items", env);
            }
        }
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    @Override
    public JsonNode item(StateNode state, JsonNode input, JsonNode value, int index, Scope scope) throws StatesError {
        JsonNode selector = state.json().get("ItemSelector");
        if (selector == null) {
            return value;
        }
        ObjectNode context = scope.context().deepCopy();
        ObjectNode map = context.has("Map") && context.get("Map").isObject()
                ? (ObjectNode) context.get("Map") : context.putObject("Map");
        ObjectNode item = map.putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        JsonataEnv env = JsonataEnv.of(state.name(), input, scope).withContext(context);
        return JsonataTemplate.evaluate(selector, "ItemSelector", env);
    }

    @Override
    public TaskLimits taskLimits(StateNode state, JsonNode input, Scope scope) throws StatesError {
        JsonataEnv env = JsonataEnv.of(state.name(), input, scope);
        Optional<Duration> timeout = JsonataFields.integer(state.json().get("TimeoutSeconds"), "TimeoutSeconds", 1, env)
                .map(Duration::ofSeconds);
        Optional<Duration> heartbeat = JsonataFields.integer(state.json().get("HeartbeatSeconds"), "HeartbeatSeconds",
                1, env).map(Duration::ofSeconds);
        return new TaskLimits(timeout, heartbeat);
    }

    @Override
    public MapLimits mapLimits(StateNode state, JsonNode input, Scope scope) throws StatesError {
        JsonataEnv env = JsonataEnv.of(state.name(), input, scope);
        int max = JsonataFields.integer(state.json().get("MaxConcurrency"), "MaxConcurrency", 0, env)
                .map(n -> (int) Math.min(Integer.MAX_VALUE, n)).orElse(0);
        OptionalInt count = JsonataFields.integer(state.json().get("ToleratedFailureCount"), "ToleratedFailureCount", 0,
                        env).map(n -> OptionalInt.of((int) Math.min(Integer.MAX_VALUE, n))).orElse(OptionalInt.empty());
        Optional<Double> percentage = JsonataFields.number(state.json().get("ToleratedFailurePercentage"),
                "ToleratedFailurePercentage", 0, 100, env);
        return new MapLimits(max, count, percentage);
    }

    @Override
    public JsonNode field(StateNode state, JsonNode value, String name, JsonNode input, Scope scope)
            throws StatesError {
        return JsonataTemplate.evaluate(value, name, JsonataEnv.of(state.name(), input, scope));
    }

    /**
     * The output and assignments of an object with optional Output and Assign (a state, a Choice rule,
     * a catcher); {@code fallback} when there is no Output. Assign is evaluated first, against the
     * variables as the state found them, so an Output never sees its own state's assignments.
     */
    private static Outcome outcome(JsonNode holder, JsonNode fallback, JsonataEnv env) throws StatesError {
        Map<String, JsonNode> assigned = JsonataFields.assign(holder.get("Assign"), env);
        JsonNode output = holder.get("Output");
        JsonNode value = output == null ? fallback : JsonataTemplate.evaluate(output, "Output", env);
        return new Outcome(value == null ? NODES.nullNode() : value, assigned);
    }
}
