package dev.lamina.invoke;

import dev.lamina.model.FunctionName;
import dev.lamina.model.TraceHeader;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one invocation that ran (or failed to start an environment), as metrics, traces
 * and the usage report see it. The durations are the ones on the invocation's REPORT line.
 *
 * @param executedVersion "$LATEST" or the version number that ran
 * @param alias           the alias the caller named, when it named one
 * @param receivedAt      for an asynchronous event, when Lamina accepted it (its queue time ends at {@code startedAt})
 * @param startedAt       when the Invoker began: before the cold start, when there was one
 * @param init            the init duration, when this invocation started its environment (also when
 *                        that init failed or ran out of time: how long it ran)
 * @param duration        the invoke phase, as REPORT's Duration (the timeout, when it timed out); zero
 *                        exactly when the handler never ran, as its environment could not be started
 * @param provisioned     whether it ran in an environment of provisioned concurrency
 * @param errorType       the error's type for {@link Outcome#ERROR} and {@link Outcome#TIMEOUT}
 * @param trace           the X-Amzn-Trace-Id the function was given (its Parent is the id of the invoke
 *                        span, its Sampled whether the invocation is traced), when it was given one
 * @param callerSpanId    the span the caller's trace header named as its Parent: the parent of the
 *                        invocation's span (none when Lamina began the trace)
 * @param spillover       it ran on demand although the alias or version the caller named has
 *                        provisioned concurrency (Lambda's ProvisionedConcurrencySpilloverInvocations)
 */
public record InvocationSummary(String requestId, FunctionName function, String executedVersion,
                                Optional<String> alias, int memoryMb, boolean asynchronous,
                                Optional<Instant> receivedAt, Instant startedAt, Optional<Duration> init,
                                Duration duration, boolean provisioned, Outcome outcome,
                                Optional<String> errorType, Optional<TraceHeader> trace,
                                Optional<String> callerSpanId, boolean spillover) {

    /** How the invocation ended. A throttled invocation never runs and is told apart ({@link InvocationObserver#throttled}). */
    public enum Outcome {
        SUCCESS,
        /** The function failed: an error it posted, its runtime exiting, or its init failing. */
        ERROR,
        TIMEOUT
    }

    public InvocationSummary {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(function);
        Objects.requireNonNull(executedVersion);
        Objects.requireNonNull(alias);
        Objects.requireNonNull(receivedAt);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(init);
        Objects.requireNonNull(duration);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(errorType);
        Objects.requireNonNull(trace);
        Objects.requireNonNull(callerSpanId);
    }

    /** A summary of an invocation without a caller's span and without spill-over (tests, benchmarks). */
    public InvocationSummary(String requestId, FunctionName function, String executedVersion, Optional<String> alias,
                             int memoryMb, boolean asynchronous, Optional<Instant> receivedAt, Instant startedAt,
                             Optional<Duration> init, Duration duration, boolean provisioned, Outcome outcome,
                             Optional<String> errorType, Optional<TraceHeader> trace) {
        this(requestId, function, executedVersion, alias, memoryMb, asynchronous, receivedAt, startedAt, init,
                duration, provisioned, outcome, errorType, trace, Optional.empty(), false);
    }

    /** REPORT's Billed Duration: the duration rounded up to the next millisecond. */
    public long billedMillis() {
        return InvokeReport.billedMillis(duration);
    }
}
