package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.QueryLanguage;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.asl.StateType;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test-only interpreter for definitions made of JSONata Pass, Choice, Wait, Fail, Succeed and
 * inline Map states: it calls the {@link Dataflow} as the engine does (waits take no time) and counts
 * history events the way AWS numbers them, so causes that name "the event id #N" can be compared.
 * Event ids are exact until the first Map state; errors in the cases come before one.
 */
final class JsonataWalker {
    static final Set<StateType> WALKABLE = Set.of(StateType.PASS, StateType.CHOICE, StateType.WAIT, StateType.FAIL,
            StateType.SUCCEED, StateType.MAP);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The end of a run: an output, or an error and cause. */
    record Result(Optional<JsonNode> output, Optional<String> error, Optional<String> cause) {
    }

    private long eventId = 1;

    /** Whether every state of {@code definition}, at any depth, is JSONata and walkable. */
    static boolean walkable(Definition definition) {
        for (StateNode s : definition.states().values()) {
            if (s.language() != QueryLanguage.JSONATA || !WALKABLE.contains(s.type())) {
                return false;
            }
            if (s.type() == StateType.MAP && "DISTRIBUTED".equals(
                    s.json().path("ItemProcessor").path("ProcessorConfig").path("Mode").asText())) {
                return false;
            }
            for (Definition b : s.branches()) {
                if (!walkable(b)) {
                    return false;
                }
            }
        }
        return true;
    }

    Result run(Definition definition, JsonNode input) {
        try {
            return new Result(Optional.of(walk(definition, input, new HashMap<>(), context(input))), Optional.empty(),
                    Optional.empty());
        } catch (StatesError e) {
            return new Result(Optional.empty(), Optional.of(e.error()), e.cause());
        }
    }

    private static ObjectNode context(JsonNode input) {
        ObjectNode context = NODES.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", "arn:aws:states:us-east-1:000000000000:execution:machine:run");
        execution.set("Input", input);
        execution.put("Name", "run");
        execution.put("StartTime", "2026-01-01T00:00:00.000Z");
        context.putObject("StateMachine").put("Id", "arn:aws:states:us-east-1:000000000000:stateMachine:machine");
        return context;
    }

    private JsonNode walk(Definition definition, JsonNode input, Map<String, JsonNode> variables, ObjectNode context)
            throws StatesError {
        String name = definition.startAt();
        JsonNode data = input;
        while (true) {
            StateNode state = definition.state(name);
            Dataflow flow = Dataflows.of(state.language());
            ObjectNode ctx = context.deepCopy();
            ctx.putObject("State").put("Name", name).put("EnteredTime", "2026-01-01T00:00:00.000Z");
            Scope scope = new Scope(ctx, variables, ++eventId);
            Outcome outcome;
            Optional<String> next = state.next();
            switch (state.type()) {
                case PASS -> outcome = flow.pass(state, data, scope);
                case SUCCEED -> outcome = flow.passThrough(state, data, scope);
                case WAIT -> outcome = flow.waitUntil(state, data, scope, Instant.EPOCH).outcome();
                case CHOICE -> {
                    Dataflow.Choice choice = flow.choose(state, data, scope);
                    if (choice.next().isEmpty()) {
                        throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, Optional.empty());
                    }
                    next = choice.next();
                    outcome = choice.outcome();
                }
                case FAIL -> {
                    Dataflow.Failure failure = flow.failure(state, data, scope);
                    throw new StatesError(failure.error().orElse(""), failure.cause());
                }
                case MAP -> outcome = map(state, flow, data, scope, variables, ctx);
                default -> throw new IllegalStateException("not walkable: " + state.type());
            }
            ++eventId;
            variables.putAll(outcome.assigned());
            data = outcome.output();
            if (state.end() || next.isEmpty()) {
                return data;
            }
            name = next.get();
        }
    }

    private Outcome map(StateNode state, Dataflow flow, JsonNode input, Scope scope, Map<String, JsonNode> variables,
                        ObjectNode context) throws StatesError {
        List<JsonNode> items = flow.items(state, input, scope);
        flow.mapLimits(state, input, scope);
        ArrayNode results = NODES.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode itemInput = flow.item(state, input, items.get(i), i, scope);
            results.add(walk(state.branches().getFirst(), itemInput, new HashMap<>(variables), context));
        }
        return flow.output(state, input, results, scope);
    }
}
