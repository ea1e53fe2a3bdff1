package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.StateNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only interpreter of small state machines that drives {@link Dataflows} directly: it follows
 * Next through Pass, Choice, Wait, Succeed, Fail, Map and Parallel states (no Tasks, no Retry, no
 * waiting), keeps variables and event ids, and applies Catch. The engine does all of this for real;
 * here it only lets conformance cases check what the dataflow computes.
 */
final class JsonPathMachine {
    static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    /** The execution's outcome: its output, or its error and cause. */
    record Result(JsonNode output, StatesError error) {
    }

    private final ObjectNode execution;
    private long eventId = 1;

    JsonPathMachine(JsonNode input) {
        execution = JsonNodeFactory.instance.objectNode();
        ObjectNode e = execution.putObject("Execution");
        e.put("Id", "arn:aws:states:us-east-1:000000000000:execution:machine:run");
        e.set("Input", input);
        e.put("Name", "run");
        e.put("StartTime", NOW.toString());
        e.put("RoleArn", "arn:aws:iam::000000000000:role/sfn");
        e.put("RedriveCount", 0);
        ObjectNode m = execution.putObject("StateMachine");
        m.put("Id", "arn:aws:states:us-east-1:000000000000:stateMachine:machine");
        m.put("Name", "machine");
    }

    Result run(Definition definition, JsonNode input) {
        try {
            return new Result(run(definition, input, new HashMap<>()), null);
        } catch (StatesError e) {
            return new Result(null, e);
        }
    }

    private JsonNode run(Definition definition, JsonNode input, Map<String, JsonNode> variables) throws StatesError {
        String name = definition.startAt();
        JsonNode data = input;
        while (true) {
            StateNode state = definition.state(name);
            Dataflow flow = Dataflows.of(state.language());
            Scope scope = scope(state, variables, ++eventId);
            Outcome outcome;
            String next = state.next().orElse(null);
            try {
                switch (state.type()) {
                    case PASS -> outcome = flow.pass(state, data, scope);
                    case CHOICE -> {
                        Dataflow.Choice choice = flow.choose(state, data, scope);
                        next = choice.next().orElseThrow(() -> new StatesError(ErrorNames.NO_CHOICE_MATCHED,
                                "No Matches!"));
                        outcome = choice.outcome();
                    }
                    case WAIT -> outcome = flow.waitUntil(state, data, scope, NOW).outcome();
                    case SUCCEED -> outcome = flow.passThrough(state, data, scope);
                    case FAIL -> {
                        Dataflow.Failure f = flow.failure(state, data, scope);
                        throw new StatesError(f.error().orElse(""), f.cause());
                    }
                    case MAP -> outcome = flow.output(state, data, map(state, flow, data, scope, variables), scope);
                    case PARALLEL -> {
                        ArrayNode results = JsonNodeFactory.instance.arrayNode();
                        JsonNode effective = flow.effectiveInput(state, data, scope);
                        for (Definition branch : state.branches()) {
                            results.add(run(branch, effective, new HashMap<>(variables)));
                        }
                        outcome = flow.output(state, data, results, scope);
                    }
                    default -> throw new IllegalArgumentException("not supported here: " + state.type());
                }
            } catch (StatesError e) {
                ObjectNode catcher = catcher(state.catchers(), e);
                if (catcher == null) {
                    throw e;
                }
                ObjectNode errorOutput = JsonNodeFactory.instance.objectNode();
                errorOutput.put("Error", e.error());
                e.cause().ifPresent(c -> errorOutput.put("Cause", c));
                outcome = flow.caught(state, catcher, data, errorOutput, scope);
                next = catcher.path("Next").asText();
            }
            eventId++;
            variables.putAll(outcome.assigned());
            data = outcome.output();
            if (next == null || state.end()) {
                return data;
            }
            name = next;
        }
    }

    private ArrayNode map(StateNode state, Dataflow flow, JsonNode data, Scope scope, Map<String, JsonNode> variables)
            throws StatesError {
        List<JsonNode> items = flow.items(state, data, scope);
        flow.mapLimits(state, data, scope);
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode itemInput = flow.item(state, data, items.get(i), i, scope);
            results.add(run(state.branches().get(0), itemInput, new HashMap<>(variables)));
        }
        return results;
    }

    private static ObjectNode catcher(List<ObjectNode> catchers, StatesError e) {
        for (ObjectNode c : catchers) {
            for (JsonNode name : c.path("ErrorEquals")) {
                boolean all = name.asText().equals(ErrorNames.ALL) && !e.error().equals(ErrorNames.RUNTIME);
                if (all || name.asText().equals(e.error())) {
                    return c;
                }
            }
        }
        return null;
    }

    private Scope scope(StateNode state, Map<String, JsonNode> variables, long entered) {
        ObjectNode context = execution.deepCopy();
        ObjectNode s = context.putObject("State");
        s.put("Name", state.name());
        s.put("EnteredTime", NOW.toString());
        s.put("RetryCount", 0);
        return new Scope(context, variables, entered);
    }
}
