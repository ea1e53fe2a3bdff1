package dev.lamina.events;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the asynchronous side, read once by the composition root.
 *
 * @param maxPayloadBytes the largest event accepted (AWS: 1 MB; 256 KB for the classic limit)
 * @param timeScale       what every retry wait and event age is multiplied by (1; tests use less)
 * @param sqsEndpoint     an external SQS-compatible endpoint for destinations and dead-letter queues; empty:
 *                        Lamina's built-in queues
 */
public record AsyncSettings(Region region, AccountId account, int maxPayloadBytes, double timeScale,
                            Optional<URI> sqsEndpoint) {
    public static final int AWS_MAX_PAYLOAD = 1024 * 1024;

    public AsyncSettings {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        if (maxPayloadBytes < 1 || maxPayloadBytes > AWS_MAX_PAYLOAD) {
            throw new IllegalArgumentException("the asynchronous payload limit is at most 1 MB: " + maxPayloadBytes);
        }
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("the time scale is positive: " + timeScale);
        }
        Objects.requireNonNull(sqsEndpoint);
    }
}
