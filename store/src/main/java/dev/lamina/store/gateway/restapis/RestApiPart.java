package dev.lamina.store.gateway.restapis;

import java.time.Instant;
import java.util.Objects;

/**
 * One part of a REST API as stored: a resource, an authorizer, a deployment or a stage, by
 * {@code kind}; {@code id} is its id (a stage's name). The document is the gateway module's JSON.
 */
public record RestApiPart(String apiId, String kind, String id, Instant created, String document) {
    public RestApiPart {
        Objects.requireNonNull(apiId);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
        Objects.requireNonNull(created);
        Objects.requireNonNull(document);
    }

    public RestApiPart withDocument(String newDocument) {
        return new RestApiPart(apiId, kind, id, created, newDocument);
    }
}
