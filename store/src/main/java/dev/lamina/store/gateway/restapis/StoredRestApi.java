package dev.lamina.store.gateway.restapis;

import java.time.Instant;
import java.util.Objects;

/**
 * One REST API as stored; the store does not interpret {@code document} (the gateway module's JSON).
 */
public record StoredRestApi(String id, Instant created, String document) {
    public StoredRestApi {
        Objects.requireNonNull(id);
        Objects.requireNonNull(created);
        Objects.requireNonNull(document);
    }
}
