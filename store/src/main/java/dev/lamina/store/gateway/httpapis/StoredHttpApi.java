package dev.lamina.store.gateway.httpapis;

import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP API as stored: its id and its settings as one JSON document, which the gateway module
 * owns the meaning of.
 */
public record StoredHttpApi(String apiId, String document, Instant created) {
    public StoredHttpApi {
        Objects.requireNonNull(apiId);
        Objects.requireNonNull(document);
        Objects.requireNonNull(created);
    }
}
