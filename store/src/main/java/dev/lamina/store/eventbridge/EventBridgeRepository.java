package dev.lamina.store.eventbridge;

import java.util.List;
import java.util.Optional;

/** EventBridge's and Scheduler's resources, as documents. Listings are ordered by name. */
public interface EventBridgeRepository {
    Optional<EventBridgeDocument> find(EventBridgeDocument.Kind kind, String scope, String name);

    /** Every document of {@code kind} in {@code scope}, ordered by name. */
    List<EventBridgeDocument> list(EventBridgeDocument.Kind kind, String scope);

    /** Every document of {@code kind} in every scope, ordered by scope, then name (what a start loads). */
    List<EventBridgeDocument> all(EventBridgeDocument.Kind kind);

    /** Inserts the document, or replaces the stored one of the same key (keeping its creation time). */
    void put(EventBridgeDocument document);

    /** Whether there was one to delete. */
    boolean delete(EventBridgeDocument.Kind kind, String scope, String name);
}
