package dev.lamina.store.gateway.urls;

import dev.lamina.model.FunctionName;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One function URL's configuration as stored.
 *
 * @param qualifier  {@code ""} for the unqualified function, else the alias's name
 * @param invokeMode empty when the caller never set one (Lambda then reports BUFFERED only where it reads it back)
 * @param cors       the Cors member as JSON text with the model's member names
 */
public record StoredFunctionUrl(String urlId, FunctionName function, String qualifier, String authType,
                                Optional<String> invokeMode, Optional<String> cors, Instant created,
                                Instant lastModified) {
    public StoredFunctionUrl {
        Objects.requireNonNull(urlId);
        Objects.requireNonNull(function);
        Objects.requireNonNull(qualifier);
        Objects.requireNonNull(authType);
        Objects.requireNonNull(invokeMode);
        Objects.requireNonNull(cors);
        Objects.requireNonNull(created);
        Objects.requireNonNull(lastModified);
    }
}
