package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** What a route's authorization decided: go on (with what the event's requestContext.authorizer says), or answer. */
sealed interface Authorization {
    /**
     * @param v2 {@code requestContext.authorizer} of a payload 2.0 event ({@code {"jwt":…}}, {@code {"lambda":…}}, {@code {"iam":…}})
     * @param v1 {@code requestContext.authorizer} of a payload 1.0 event
     */
    record Allowed(Optional<ObjectNode> v2, Optional<ObjectNode> v1) implements Authorization {
        static final Allowed NONE = new Allowed(Optional.empty(), Optional.empty());
    }

    record Denied(Replies reply) implements Authorization {
    }
}
