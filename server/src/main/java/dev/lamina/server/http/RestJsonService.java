package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;

import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One rest-json API served by {@link RestJsonProtocol}: the requests whose path starts with
 * {@code pathPrefix} (the longest prefix wins: {@code /v2/} for HTTP APIs, {@code /} for REST APIs
 * and Scheduler), its model and routes, and the operations behind it.
 */
public record RestJsonService(String pathPrefix, ServiceModel model, RestRoutes routes, Operations operations) {
    public RestJsonService {
        Objects.requireNonNull(pathPrefix);
        Objects.requireNonNull(model);
        Objects.requireNonNull(routes);
        Objects.requireNonNull(operations);
    }

    /** Runs one operation on its decoded input; answers its output tree (model member names). */
    @FunctionalInterface
    public interface Handler {
        /** @param endpoint {@code http://} and the Host the caller used, for URLs that lead back here */
        JsonNode handle(String operation, ObjectNode input, String endpoint) throws ServiceException;
    }

    /**
     * A service's operations as the codec sees them, whatever module they live in (API Gateway's
     * control planes, Scheduler): the model operations answered (others are unknown), the IAM
     * resource an operation with an input acts on (an ARN, or {@code *}), and the handler.
     */
    public record Operations(Set<String> names, BiFunction<String, ObjectNode, String> resource, Handler handler) {
        public Operations {
            names = Set.copyOf(names);
            Objects.requireNonNull(resource);
            Objects.requireNonNull(handler);
        }
    }

    /** A service of {@code operations} described by {@code model}, its routes compiled once. */
    public static RestJsonService of(String pathPrefix, ServiceModel model, Operations operations) {
        return new RestJsonService(pathPrefix, model, new RestRoutes(model), operations);
    }
}
