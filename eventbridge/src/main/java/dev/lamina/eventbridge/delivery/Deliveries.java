package dev.lamina.eventbridge.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable side of delivery. Everything stored here reaches its target at least once, across
 * {@code kill -9}, under the target's retry policy.
 */
public interface Deliveries {

    /** Stores deliveries; the future completes once they are on disk (then a caller may acknowledge). */
    CompletableFuture<Void> enqueue(List<Delivery> deliveries);

    /**
     * Records that the schedule (or scheduled rule) {@code key} fired for {@code time}, together with
     * its deliveries, in one durable step. Returns false and stores nothing when {@code key} has already
     * fired for {@code time} or later: a schedule never fires twice for the same time.
     */
    boolean fire(String key, Instant time, List<Delivery> deliveries);

    /** The last time {@code key} fired for, if ever; survives restarts. */
    Optional<Instant> lastFired(String key);

    /** Forgets {@code key}'s fire mark (its schedule or rule was deleted). */
    void forget(String key);
}
