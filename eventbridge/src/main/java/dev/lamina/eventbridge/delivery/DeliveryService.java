package dev.lamina.eventbridge.delivery;

import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.rules.RuleIndex;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** TODO(delivery): the delivery log, the dispatcher and the targets; stub laid by the contract commit. */
public final class DeliveryService implements Deliveries, EventIntake, AutoCloseable {
    public DeliveryService(EventBridgeContext context, RuleIndex rules) {
    }

    /** Schedules what the log holds (deliveries accepted before a stop or crash). */
    public void start() {
    }

    @Override
    public CompletableFuture<Void> enqueue(List<Delivery> deliveries) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean fire(String key, Instant time, List<Delivery> deliveries) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<Instant> lastFired(String key) {
        return Optional.empty();
    }

    @Override
    public void forget(String key) {
    }

    @Override
    public List<Result> put(List<Entry> entries) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
