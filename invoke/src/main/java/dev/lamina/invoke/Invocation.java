package dev.lamina.invoke;

import dev.lamina.model.TraceHeader;

import java.util.Objects;
import java.util.Optional;

/**
 * One invocation as the runtime receives it from /next.
 *
 * @param deadlineEpochMs Lambda-Runtime-Deadline-Ms
 * @param clientContext   the decoded X-Amz-Client-Context JSON, passed on as Lambda-Runtime-Client-Context
 * @param trace           Lambda-Runtime-Trace-Id, formatted only where the Runtime API sends it
 */
record Invocation(String requestId, byte[] payload, long deadlineEpochMs, String invokedFunctionArn,
                  Optional<String> clientContext, Optional<TraceHeader> trace) {
    Invocation {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(payload);
        Objects.requireNonNull(invokedFunctionArn);
        Objects.requireNonNull(clientContext);
        Objects.requireNonNull(trace);
    }
}
