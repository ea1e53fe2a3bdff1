package dev.lamina.control.policy;

import java.util.List;
import java.util.Optional;

/**
 * A parsed IAM policy document: an identity policy (of a user or a role) or a function's
 * resource-based policy. Built only by {@link PolicyParser}, so every instance is valid.
 */
public record PolicyDocument(Kind kind, Optional<String> id, List<Statement> statements) {
    public enum Kind {
        /** Attached to a user or a role: statements name no Principal. */
        IDENTITY,
        /** Attached to a function: every statement names its Principal. */
        RESOURCE
    }

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** The strongest effect among the statements that apply: DENY, else ALLOW, else none. */
    Optional<Effect> decide(AccessRequest request) {
        Optional<Effect> result = Optional.empty();
        for (Statement s : statements) {
            if (s.applies(request)) {
                if (s.effect() == Effect.DENY) {
                    return Optional.of(Effect.DENY);
                }
                result = Optional.of(Effect.ALLOW);
            }
        }
        return result;
    }
}
