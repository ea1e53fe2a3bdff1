package dev.lamina.invoke;

import java.util.Objects;
import java.util.Optional;

/**
 * One invocation as the runtime receives it from /next.
 *
 * @param deadlineEpochMs Lambda-Runtime-Deadline-Ms
 * @param clientContext   the decoded X-Amz-Client-Context JSON, passed on as Lambda-Runtime-Client-Context
 * @param traceId         Lambda-Runtime-Trace-Id
 */
record Invocation(String requestId, byte[] payload, long deadlineEpochMs, String invokedFunctionArn,
                  Optional<String> clientContext, Optional<String> traceId) {
    Invocation {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(payload);
        Objects.requireNonNull(invokedFunctionArn);
        Objects.requireNonNull(clientContext);
        Objects.requireNonNull(traceId);
    }
}
