package dev.lamina.store.gateway.httpapis;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One part of an HTTP API as stored: a route, an integration, a stage, a deployment, the snapshot a
 * deployment serves, or an authorizer, as one JSON document.
 *
 * @param partId the part's id (a stage's is its name; a snapshot's is its deployment's id)
 */
public record HttpApiPart(String apiId, Kind kind, String partId, String document, Instant created) {
    public enum Kind {
        ROUTE, INTEGRATION, STAGE, DEPLOYMENT, SNAPSHOT, AUTHORIZER;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofColumn(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    public HttpApiPart {
        Objects.requireNonNull(apiId);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(partId);
        Objects.requireNonNull(document);
        Objects.requireNonNull(created);
    }
}
