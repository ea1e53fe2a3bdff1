package dev.lamina.store.mappings;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event source mapping as stored. The store does not interpret {@code state} or {@code settings}:
 * the events module owns their meaning (its MappingState, its settings document).
 *
 * @param functionName  the function's unqualified name (what ListEventSourceMappings filters on)
 * @param functionArn   the function as the mapping names it, qualified when a version or alias was given
 * @param settings      the mapping's settings as one JSON document
 */
public record StoredMapping(String uuid, String functionName, String functionArn, Optional<String> eventSourceArn,
                            String state, String settings, Instant lastModified, String lastProcessingResult,
                            String stateTransitionReason) {
    public StoredMapping {
        Objects.requireNonNull(uuid);
        Objects.requireNonNull(functionName);
        Objects.requireNonNull(functionArn);
        Objects.requireNonNull(eventSourceArn);
        Objects.requireNonNull(state);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(lastModified);
        Objects.requireNonNull(lastProcessingResult);
        Objects.requireNonNull(stateTransitionReason);
    }

    public StoredMapping withState(String newState, String reason) {
        return new StoredMapping(uuid, functionName, functionArn, eventSourceArn, newState, settings, lastModified,
                lastProcessingResult, reason);
    }
}
