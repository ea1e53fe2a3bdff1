package dev.lamina.server;

import dev.lamina.events.AsyncSettings;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How a Lamina node handles asynchronous invocations.
 *
 * @param maxPayloadBytes the largest event accepted (AWS: 1 MB; 256 KB, AWS's classic limit, or less)
 * @param sqsEndpoint     the SQS-compatible server destinations and dead-letter queues are sent to
 *                        (LAMINA_SQS_ENDPOINT): ElasticMQ, a self-hosted clone, or SQS itself
 * @param timeScale       what every retry wait and event age is multiplied by: 1, or less for tests
 *                        that run Lambda's schedule in seconds
 */
public record AsyncConfig(int maxPayloadBytes, Optional<URI> sqsEndpoint, double timeScale) {
    public static final int DEFAULT_MAX_PAYLOAD = AsyncSettings.AWS_MAX_PAYLOAD;

    public AsyncConfig {
        if (maxPayloadBytes < 1024 || maxPayloadBytes > DEFAULT_MAX_PAYLOAD) {
            throw new IllegalArgumentException("the asynchronous payload limit is 1 KB to 1 MB: " + maxPayloadBytes);
        }
        Objects.requireNonNull(sqsEndpoint);
        if (!(timeScale > 0) || timeScale > 1) {
            throw new IllegalArgumentException("the time scale is above 0 and at most 1: " + timeScale);
        }
    }

    public static AsyncConfig defaults() {
        return new AsyncConfig(DEFAULT_MAX_PAYLOAD, Optional.empty(), 1);
    }

    public AsyncConfig withMaxPayloadBytes(int value) {
        return new AsyncConfig(value, sqsEndpoint, timeScale);
    }

    public AsyncConfig withSqsEndpoint(URI value) {
        return new AsyncConfig(maxPayloadBytes, Optional.of(value), timeScale);
    }

    public AsyncConfig withTimeScale(double value) {
        return new AsyncConfig(maxPayloadBytes, sqsEndpoint, value);
    }
}
