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

/**
 * The {@link Dataflow} of states written in JSONPath: InputPath, Parameters/ItemSelector (payload
 * templates with intrinsic functions), ResultSelector, ResultPath, OutputPath and Assign, as AWS
 * applies them. Every {@code input} argument is the state's raw input; InputPath is applied here.
 *
 * <p>Assign's {@code $} is what AWS documents for JSONPath states: a Pass state's result (its Result,
 * else its effective input), a Task's, Parallel's or Map's raw result (ResultSelector does not apply
 * to it; Assign is evaluated before ResultSelector, as LocalStack's AWS-validated tests show), the effective
 * input of a Choice or Wait, a catcher's error output. A Choice rule's own Assign replaces the
 * state's, which applies only when the Default is taken.
 */
final class JsonPathDataflow implements Dataflow {
    static final JsonPathDataflow INSTANCE = new JsonPathDataflow();

    private static Failures.Where where(StateNode state, Scope scope) {
        return new Failures.Where(state.name(), scope.enteredEventId());
    }

    @Override
    public Outcome pass(StateNode state, JsonNode input, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        JsonNode effective = parameters(state, "Parameters", inputPath(state, input, scope, where), scope, where);
        JsonNode result = state.json().has("Result") ? state.json().get("Result") : effective;
        Map<String, JsonNode> assigned = Assignments.evaluate(state.json().get("Assign"), result, scope, where);
        JsonNode output = ResultPaths.apply(state.json().get("ResultPath"), input, result);
        return new Outcome(outputPath(state, output, scope, where), assigned);
    }

    @Override
    public JsonNode effectiveInput(StateNode state, JsonNode input, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        return parameters(state, "Parameters", inputPath(state, input, scope, where), scope, where);
    }

    @Override
    public Outcome output(StateNode state, JsonNode input, JsonNode result, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        JsonNode selector = state.json().get("ResultSelector");
        JsonNode effective = selector != null && selector.isObject()
                ? PayloadTemplate.evaluate(selector, result, scope, where) : result;
        Map<String, JsonNode> assigned = Assignments.evaluate(state.json().get("Assign"), result, scope, where);
        JsonNode output = ResultPaths.apply(state.json().get("ResultPath"), input, effective);
        return new Outcome(outputPath(state, output, scope, where), assigned);
    }

    @Override
    public Outcome caught(StateNode state, ObjectNode catcher, JsonNode input, ObjectNode errorOutput, Scope scope)
            throws StatesError {
        Failures.Where where = where(state, scope);
        Map<String, JsonNode> assigned = Assignments.evaluate(catcher.get("Assign"), errorOutput, scope, where);
        return new Outcome(ResultPaths.apply(catcher.get("ResultPath"), input, errorOutput), assigned);
    }

    @Override
    public Choice choose(StateNode state, JsonNode input, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        JsonNode effective = inputPath(state, input, scope, where);
        JsonNode output = outputPath(state, effective, scope, where);
        for (JsonNode rule : state.json().path("Choices")) {
            if (ChoiceRules.matches(rule, effective, scope, where)) {
                Map<String, JsonNode> assigned = Assignments.evaluate(rule.get("Assign"), effective, scope, where);
                return new Choice(Optional.of(rule.path("Next").asText()), new Outcome(output, assigned));
            }
        }
        Optional<String> next = state.text("Default");
        Map<String, JsonNode> assigned = next.isPresent()
                ? Assignments.evaluate(state.json().get("Assign"), effective, scope, where) : Map.of();
        return new Choice(next, new Outcome(output, assigned));
    }

    @Override
    public Waiting waitUntil(StateNode state, JsonNode input, Scope scope, Instant now) throws StatesError {
        Failures.Where where = where(state, scope);
        JsonNode effective = inputPath(state, input, scope, where);
        Instant until = Waits.until(state.json(), effective, scope, now, where);
        Map<String, JsonNode> assigned = Assignments.evaluate(state.json().get("Assign"), effective, scope, where);
        return new Waiting(until, new Outcome(outputPath(state, effective, scope, where), assigned));
    }

    @Override
    public Outcome passThrough(StateNode state, JsonNode input, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        return Outcome.of(outputPath(state, inputPath(state, input, scope, where), scope, where));
    }

    @Override
    public Failure failure(StateNode state, JsonNode input, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        return new Failure(failText(state, "Error", input, scope, where), failText(state, "Cause", input, scope, where));
    }

    private static Optional<String> failText(StateNode state, String field, JsonNode input, Scope scope,
                                             Failures.Where where) throws StatesError {
        Optional<String> literal = state.text(field);
        if (literal.isPresent()) {
            return literal;
        }
        Optional<String> path = state.text(field + "Path");
        if (path.isEmpty()) {
            return Optional.empty();
        }
        JsonNode v = PayloadTemplate.expression(path.get(), field + "Path", input, scope, where);
        return Optional.of(v.isTextual() ? v.asText() : v.toString());
    }

    @Override
    public List<JsonNode> items(StateNode state, JsonNode input, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        JsonNode effective = inputPath(state, input, scope, where);
        String path = state.text("ItemsPath").orElse("$");
        JsonNode items;
        try {
            items = Paths.read(path, effective, scope);
        } catch (Paths.NotFound e) {
            throw where.invalidPath(path, e);
        }
        if (!items.isArray()) {
            throw where.runtime("Map state input must be an array but was: " + items);
        }
        List<JsonNode> out = new ArrayList<>(items.size());
        items.forEach(out::add);
        return out;
    }

    @Override
    public JsonNode item(StateNode state, JsonNode input, JsonNode value, int index, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        String field = state.json().has("ItemSelector") ? "ItemSelector" : "Parameters";
        JsonNode selector = state.json().get(field);
        if (selector == null || !selector.isObject()) {
            return value;
        }
        ObjectNode context = scope.context().deepCopy();
        ObjectNode item = context.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        Scope withItem = new Scope(context, scope.variables(), scope.enteredEventId());
        return PayloadTemplate.evaluate(selector, inputPath(state, input, scope, where), withItem, where);
    }

    @Override
    public TaskLimits taskLimits(StateNode state, JsonNode input, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        JsonNode effective = inputPath(state, input, scope, where);
        Optional<Long> timeout = Limits.seconds(state.json(), "TimeoutSeconds", effective, scope, where);
        Optional<Long> heartbeat = Limits.seconds(state.json(), "HeartbeatSeconds", effective, scope, where);
        return new TaskLimits(timeout.map(Duration::ofSeconds), heartbeat.map(Duration::ofSeconds));
    }

    @Override
    public MapLimits mapLimits(StateNode state, JsonNode input, Scope scope) throws StatesError {
        Failures.Where where = where(state, scope);
        return Limits.map(state.json(), inputPath(state, input, scope, where), scope, where);
    }

    /** InputPath: absent → the input; JSON null → {} (the input is discarded); else the path's value. */
    static JsonNode inputPath(StateNode state, JsonNode input, Scope scope, Failures.Where where) throws StatesError {
        return selectPath(state.json().get("InputPath"), input, scope, where);
    }

    /** OutputPath: as InputPath, on the state's output. */
    static JsonNode outputPath(StateNode state, JsonNode output, Scope scope, Failures.Where where) throws StatesError {
        return selectPath(state.json().get("OutputPath"), output, scope, where);
    }

    private static JsonNode selectPath(JsonNode path, JsonNode document, Scope scope, Failures.Where where)
            throws StatesError {
        if (path == null) {
            return document;
        }
        if (path.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return Paths.read(path.asText(), document, scope);
        } catch (Paths.NotFound e) {
            throw where.invalidPath(path.asText(), e);
        }
    }

    private static JsonNode parameters(StateNode state, String field, JsonNode effective, Scope scope,
                                       Failures.Where where) throws StatesError {
        JsonNode template = state.json().get(field);
        return template != null && template.isObject() ? PayloadTemplate.evaluate(template, effective, scope, where) : effective;
    }
}
