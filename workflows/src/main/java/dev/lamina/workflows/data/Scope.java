package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;

/**
 * What a state's expressions can see besides its input: the context object ({@code $$} in JSONPath,
 * {@code $states.context} in JSONata: Execution, StateMachine, State, Task, Map.Item) and the
 * variables assigned so far in this scope ({@code $name}; a Parallel branch or Map iteration starts
 * with a copy of its parent's, and its own assignments stay inside it).
 *
 * @param enteredEventId the id of the state's *StateEntered event, which States.Runtime causes name
 */
public record Scope(ObjectNode context, Map<String, JsonNode> variables, long enteredEventId) {
    public Scope {
        Objects.requireNonNull(context);
        variables = Map.copyOf(variables);
    }
}
