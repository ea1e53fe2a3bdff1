package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.StateNode;

import java.time.Instant;
import java.util.List;

/** The {@link Dataflow} of states written in JsonPath. */
final class JsonPathDataflow implements Dataflow {
    static final JsonPathDataflow INSTANCE = new JsonPathDataflow();

    private static StatesError unbuilt() {
        return new StatesError(ErrorNames.RUNTIME, "JsonPath is not built yet");
    }

    @Override
    public Outcome pass(StateNode state, JsonNode input, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public JsonNode effectiveInput(StateNode state, JsonNode input, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public Outcome output(StateNode state, JsonNode input, JsonNode result, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public Outcome caught(StateNode state, ObjectNode catcher, JsonNode input, ObjectNode errorOutput, Scope scope)
            throws StatesError {
        throw unbuilt();
    }

    @Override
    public Choice choose(StateNode state, JsonNode input, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public Waiting waitUntil(StateNode state, JsonNode input, Scope scope, Instant now) throws StatesError {
        throw unbuilt();
    }

    @Override
    public Outcome passThrough(StateNode state, JsonNode input, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public Failure failure(StateNode state, JsonNode input, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public List<JsonNode> items(StateNode state, JsonNode input, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public JsonNode item(StateNode state, JsonNode input, JsonNode value, int index, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public TaskLimits taskLimits(StateNode state, JsonNode input, Scope scope) throws StatesError {
        throw unbuilt();
    }

    @Override
    public MapLimits mapLimits(StateNode state, JsonNode input, Scope scope) throws StatesError {
        throw unbuilt();
    }
}
