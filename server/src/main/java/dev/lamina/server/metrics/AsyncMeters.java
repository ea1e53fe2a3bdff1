package dev.lamina.server.metrics;

import dev.lamina.events.AsyncObserver;
import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Optional;

/**
 * Lambda's asynchronous-invocation metrics. An event is labelled with the qualifier it was sent
 * with: an alias goes in {@code alias} (its version is not known until it runs), a version number
 * in {@code version}, and an unqualified event is {@code $LATEST}.
 */
final class AsyncMeters implements AsyncObserver {
    private final LabelSets labels;
    private final Counter deadLetterErrors;
    private final Counter destinationFailures;

    AsyncMeters(LabelSets labels, MeterRegistry registry) {
        this.labels = labels;
        this.deadLetterErrors = Counter.builder("lamina.dead.letter.errors")
                .description("Dead-letter messages given up on after their retries (Lambda: DeadLetterErrors)")
                .register(registry);
        this.destinationFailures = Counter.builder("lamina.destination.delivery.failures")
                .description("Destination records given up on after their retries (Lambda: DestinationDeliveryFailures)")
                .register(registry);
    }

    @Override
    public void received(FunctionName function, Optional<Qualifier> qualifier) {
        meters(function, qualifier).counter(FunctionMeters.Count.RECEIVED).increment();
    }

    @Override
    public void dispatched(FunctionName function, Optional<Qualifier> qualifier, Duration age) {
        meters(function, qualifier).timer(FunctionMeters.Time.AGE).record(age.isNegative() ? Duration.ZERO : age);
    }

    @Override
    public void dropped(FunctionName function, Optional<Qualifier> qualifier, String reason) {
        meters(function, qualifier).dropped(reason).increment();
    }

    @Override
    public void deadLetterFailed() {
        deadLetterErrors.increment();
    }

    @Override
    public void destinationFailed() {
        destinationFailures.increment();
    }

    private FunctionMeters meters(FunctionName function, Optional<Qualifier> qualifier) {
        Qualifier q = qualifier.orElse(Qualifier.LATEST);
        LabelSet set = q instanceof Qualifier.Alias
                ? new LabelSet(function.value(), "", q.value())
                : new LabelSet(function.value(), q.value(), "");
        return labels.meters(set);
    }
}
