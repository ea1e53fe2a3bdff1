package dev.lamina.invoke;

import dev.lamina.model.FunctionName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Several observers as one; a failing observer is logged, never the invocation's problem. */
final class Observers implements InvocationObserver {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<InvocationObserver> observers;

    Observers(List<InvocationObserver> observers) {
        this.observers = observers;
    }

    @Override
    public void ended(InvocationSummary summary) {
        each(o -> o.ended(summary));
    }

    @Override
    public void throttled(FunctionName function, String executedVersion, Optional<String> alias, String reason,
                          boolean asynchronous) {
        each(o -> o.throttled(function, executedVersion, alias, reason, asynchronous));
    }

    private void each(Consumer<InvocationObserver> call) {
        for (InvocationObserver o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("the invocation observer {} failed", o, e);
            }
        }
    }
}
