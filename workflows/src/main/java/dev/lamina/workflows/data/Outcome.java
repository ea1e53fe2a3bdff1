package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Objects;

/**
 * A state's output and the variables it assigned (its Assign, evaluated before any of them took
 * effect). The engine applies {@code assigned} to the scope's variables after the state.
 */
public record Outcome(JsonNode output, Map<String, JsonNode> assigned) {
    public Outcome {
        Objects.requireNonNull(output);
        assigned = Map.copyOf(assigned);
    }

    public static Outcome of(JsonNode output) {
        return new Outcome(output, Map.of());
    }
}
