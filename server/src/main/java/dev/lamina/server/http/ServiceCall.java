package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.auth.Caller;

import java.io.IOException;

/**
 * One authenticated and authorized call of a hosted service's operation, as every protocol's codec
 * hands it over: the input in the JSON protocol's form (whatever the request's protocol was).
 *
 * @param endpoint the scheme, host and port the caller reached Lamina at ({@code http://} and the
 *                 request's Host header), for URLs that lead back here (SQS's QueueUrls)
 */
public record ServiceCall(String operation, ObjectNode input, Caller caller, String endpoint) {

    /** Runs one call and answers its output document (JSON protocol's form). */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(ServiceCall call) throws IOException;
    }
}
