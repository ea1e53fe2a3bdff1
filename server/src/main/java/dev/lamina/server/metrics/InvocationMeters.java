package dev.lamina.server.metrics;

import dev.lamina.invoke.InvocationObserver;
import dev.lamina.invoke.InvocationSummary;
import dev.lamina.model.FunctionName;

import java.util.Optional;

/**
 * Turns what the Invoker tells about invocations into Lambda's per-function metrics. Runs on the
 * invoking thread: a map lookup and a few lock-free increments, nothing else.
 */
final class InvocationMeters implements InvocationObserver {
    private final LabelSets labels;

    InvocationMeters(LabelSets labels) {
        this.labels = labels;
    }

    @Override
    public void ended(InvocationSummary summary) {
        FunctionMeters m = labels.meters(new LabelSet(summary.function().value(), summary.executedVersion(),
                summary.alias().orElse("")));
        m.counter(FunctionMeters.Count.INVOCATIONS).increment();
        if (summary.outcome() != InvocationSummary.Outcome.SUCCESS) {
            m.counter(FunctionMeters.Count.ERRORS).increment();
        }
        if (handlerRan(summary)) {
            m.timer(FunctionMeters.Time.DURATION).record(summary.duration());
        }
        if (summary.init().isPresent()) {
            m.timer(FunctionMeters.Time.INIT).record(summary.init().get());
        }
        if (summary.provisioned()) {
            m.counter(FunctionMeters.Count.PROVISIONED).increment();
        }
        if (summary.spillover()) {
            m.counter(FunctionMeters.Count.SPILLOVER).increment();
        }
    }

    /**
     * Whether the handler ran, so that the invocation has a duration: not when its environment
     * could not start or its init failed (the summary's duration is then zero, by its contract),
     * which Lambda's Duration metric does not see either.
     */
    static boolean handlerRan(InvocationSummary s) {
        return !s.duration().isZero();
    }

    @Override
    public void throttled(FunctionName function, String executedVersion, Optional<String> alias, String reason,
                          boolean asynchronous) {
        labels.meters(new LabelSet(function.value(), executedVersion, alias.orElse(""))).counter(FunctionMeters.Count.THROTTLES).increment();
    }

    @Override
    public String toString() {
        return "metrics";
    }
}
