package dev.lamina.events;

import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;

import java.time.Duration;
import java.util.Optional;

/**
 * Told what becomes of asynchronous events, for metrics: Lambda's AsyncEventsReceived,
 * AsyncEventAge, AsyncEventsDropped, DeadLetterErrors and DestinationDeliveryFailures. Called on
 * the accepting or dispatching thread; an implementation must be quick, must not block and must
 * not throw.
 *
 * <p>{@code qualifier} is the one the event was sent with (empty: unqualified, which runs $LATEST).
 */
public interface AsyncObserver {
    /** Observes nothing. */
    AsyncObserver NONE = new AsyncObserver() {
    };

    /** An event was stored durably: the caller was (or is about to be) answered 202. */
    default void received(FunctionName function, Optional<Qualifier> qualifier) {
    }

    /** An event is handed to the Invoker (each attempt), {@code age} after it was received. */
    default void dispatched(FunctionName function, Optional<Qualifier> qualifier, Duration age) {
    }

    /**
     * An event is given up on without having run successfully; it went to the on-failure destination
     * or dead-letter queue if one is configured.
     *
     * @param reason EventAgeExceeded, RetriesExhausted or FunctionNotFound
     */
    default void dropped(FunctionName function, Optional<Qualifier> qualifier, String reason) {
    }

    /** A message to a dead-letter queue was given up on after its retries. */
    default void deadLetterFailed() {
    }

    /** A record for an on-success or on-failure destination was given up on after its retries. */
    default void destinationFailed() {
    }
}
