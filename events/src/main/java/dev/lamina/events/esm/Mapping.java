package dev.lamina.events.esm;

import java.time.Instant;
import java.util.Objects;

/**
 * One event source mapping as the API shows it.
 *
 * @param arn                    {@code arn:aws:lambda:<region>:<account>:event-source-mapping:<uuid>}
 * @param lastProcessingResult   what the poller last reported ({@code No records processed} at first)
 * @param stateTransitionReason  why the state last changed ({@code USER_INITIATED}, or what the poller reported)
 */
public record Mapping(String uuid, String arn, MappingState state, MappingConfig config, Instant lastModified,
                      String lastProcessingResult, String stateTransitionReason) {
    public static final String NO_RECORDS = "No records processed";
    public static final String USER_INITIATED = "USER_INITIATED";

    public Mapping {
        Objects.requireNonNull(uuid);
        Objects.requireNonNull(arn);
        Objects.requireNonNull(state);
        Objects.requireNonNull(config);
        Objects.requireNonNull(lastModified);
        Objects.requireNonNull(lastProcessingResult);
        Objects.requireNonNull(stateTransitionReason);
    }
}
