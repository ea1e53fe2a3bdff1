package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked States Language definition: a whole state machine, or one branch of a Parallel or the
 * ItemProcessor of a Map (which have the same shape). Immutable once parsed; one instance is shared
 * by every execution of a state machine version.
 *
 * @param states         by name, in the definition's order
 * @param timeoutSeconds the machine's TimeoutSeconds (top level only)
 * @param json           the definition as written (parsed), for DescribeStateMachine's round trip of unknown fields
 */
public record Definition(String startAt, Map<String, StateNode> states, Optional<Integer> timeoutSeconds,
                         QueryLanguage queryLanguage, Optional<String> comment, ObjectNode json) {
    public Definition {
        Objects.requireNonNull(startAt);
        states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
        Objects.requireNonNull(timeoutSeconds);
        Objects.requireNonNull(queryLanguage);
        Objects.requireNonNull(comment);
        Objects.requireNonNull(json);
    }

    public StateNode state(String name) {
        StateNode s = states.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no state " + name);
        }
        return s;
    }
}
