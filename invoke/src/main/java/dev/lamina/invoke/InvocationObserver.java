package dev.lamina.invoke;

import dev.lamina.model.FunctionName;

import java.util.List;
import java.util.Optional;

/**
 * Told about every invocation the Invoker handles: metrics, traces and the usage report listen here,
 * so that nothing in the invoke path knows about any of them. Called on the invoking thread after
 * the answer is known and before it is returned: an implementation must be quick, must not block,
 * and must not throw (what it throws is logged and dropped).
 */
public interface InvocationObserver {
    /** Observes nothing. */
    InvocationObserver NONE = new InvocationObserver() {
    };

    /** An invocation ran, or its environment could not be started. */
    default void ended(InvocationSummary summary) {
    }

    /**
     * An invocation was refused over a concurrency limit (TooManyRequestsException) before it ran.
     *
     * @param reason AWS's Reason, such as ReservedFunctionConcurrentInvocationLimitExceeded
     */
    default void throttled(FunctionName function, String executedVersion, Optional<String> alias, String reason,
                           boolean asynchronous) {
    }

    /** All of {@code observers}, in order; one that throws does not keep the others from being told. */
    static InvocationObserver all(List<InvocationObserver> observers) {
        return new Observers(List.copyOf(observers));
    }
}
