package dev.lamina.events;

import java.util.List;

/**
 * Where asynchronous invocation puts the events of destinations that are EventBridge event buses
 * ({@code arn:aws:events:<region>:<account>:event-bus/<name>}). Implemented over EventBridge's
 * intake by the composition root, which builds EventBridge after asynchronous invocation and so
 * hands it over late ({@link AsyncInvocations#eventBuses}).
 */
@FunctionalInterface
public interface EventBusSink {
    /**
     * Puts one event on the bus and returns once it is stored durably (its deliveries owed); throws
     * when the bus does not exist, refuses the entry, or cannot be reached now.
     */
    void put(String busArn, String source, String detailType, String detailJson, List<String> resources)
            throws Exception;

    /** Before EventBridge is there: every put fails, and is retried later. */
    EventBusSink NONE = (bus, source, detailType, detail, resources) -> {
        throw new IllegalStateException("EventBridge is not running yet");
    };
}
