package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One state of a validated definition. Its fields stay the definition's JSON ({@link #json}), which
 * {@link Definitions#parse} has checked against the States Language; the interpreter reads them
 * through the accessors here and through its {@code Dataflow}.
 *
 * @param language the state's own QueryLanguage, else its machine's
 * @param branches Parallel: its branches; Map: one element, its ItemProcessor (or Iterator); else empty
 */
public record StateNode(String name, StateType type, ObjectNode json, QueryLanguage language,
                        List<Definition> branches) {
    public StateNode {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(json);
        Objects.requireNonNull(language);
        branches = List.copyOf(branches);
    }

    /** The state to go to next; empty for an End state (and for Choice, Succeed, Fail). */
    public Optional<String> next() {
        JsonNode next = json.get("Next");
        return next != null && next.isTextual() ? Optional.of(next.asText()) : Optional.empty();
    }

    public boolean end() {
        return json.path("End").asBoolean(false) || type == StateType.SUCCEED || type == StateType.FAIL;
    }

    /** A text field, if present. */
    public Optional<String> text(String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** The Retry array's elements (retriers, in order); empty when there is none. */
    public List<ObjectNode> retriers() {
        return objects("Retry");
    }

    /** The Catch array's elements (catchers, in order); empty when there is none. */
    public List<ObjectNode> catchers() {
        return objects("Catch");
    }

    private List<ObjectNode> objects(String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        java.util.ArrayList<ObjectNode> out = new java.util.ArrayList<>();
        v.forEach(e -> out.add((ObjectNode) e));
        return List.copyOf(out);
    }
}
