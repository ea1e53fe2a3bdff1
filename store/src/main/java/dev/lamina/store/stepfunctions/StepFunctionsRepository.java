package dev.lamina.store.stepfunctions;

import java.util.List;
import java.util.Optional;

/** Step Functions' state machines, versions, aliases and activities, as documents. Listings are ordered by name. */
public interface StepFunctionsRepository {
    Optional<StepFunctionsDocument> find(StepFunctionsDocument.Kind kind, String scope, String name);

    /** Every document of {@code kind} in every scope, ordered by scope, then name (what a start loads). */
    List<StepFunctionsDocument> all(StepFunctionsDocument.Kind kind);

    /** Inserts the document, or replaces the stored one of the same key (keeping its creation time). */
    void put(StepFunctionsDocument document);

    /** Whether there was one to delete. */
    boolean delete(StepFunctionsDocument.Kind kind, String scope, String name);
}
