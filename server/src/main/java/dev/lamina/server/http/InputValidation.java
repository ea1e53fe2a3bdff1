package dev.lamina.server.http;

import java.util.Objects;

/**
 * A JSON-protocol service's opt-in check of each request's input against its model (required,
 * enum, pattern, min/max, and the JSON type of every member) before the operation runs, worded as
 * AWS's validation errors under the service's own code.
 *
 * @param errorCode what a violation answers (EventBridge: {@code ValidationException})
 * @param paths     how a violation names the member it is about
 */
public record InputValidation(ServiceModel model, String errorCode, Paths paths) {
    /** How AWS names a member in a validation message. */
    public enum Paths {
        /** API Gateway's: {@code createRestApiInput.name}: the operation's input, then wire names. */
        OPERATION_INPUT,
        /**
         * The JSON protocol services' (EventBridge, Scheduler's Coral-style messages): no root, member
         * names in lower camel case, list elements as {@code .member.<n>} from 1
         * ({@code targets.1.member.id} — AWS writes the index before {@code member}).
         */
        MEMBER
    }

    public InputValidation {
        Objects.requireNonNull(model);
        Objects.requireNonNull(errorCode);
        Objects.requireNonNull(paths);
    }
}
