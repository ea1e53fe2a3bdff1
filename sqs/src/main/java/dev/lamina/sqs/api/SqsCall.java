package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One SQS API call as the edge hands it over.
 *
 * @param endpoint  the scheme, host and port the caller reached Lamina at ({@code http://127.0.0.1:9070}):
 *                  QueueUrls are answered on it, so that they work from the host and from inside a
 *                  sandbox alike (a QueueUrl is resolved by its path, whatever its host)
 * @param senderId  the caller's principal id, for a message's SenderId attribute
 */
public record SqsCall(String operation, ObjectNode input, String endpoint, String senderId) {
    public SqsCall {
        Objects.requireNonNull(operation);
        Objects.requireNonNull(input);
        Objects.requireNonNull(endpoint);
        Objects.requireNonNull(senderId);
    }
}
