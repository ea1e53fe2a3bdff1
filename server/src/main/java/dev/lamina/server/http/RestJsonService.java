package dev.lamina.server.http;

import dev.lamina.gateway.api.GatewayOperations;

import java.util.Objects;

/**
 * One rest-json API served by {@link RestJsonProtocol}: the requests whose path starts with
 * {@code pathPrefix} (the longest prefix wins: {@code /v2/} for HTTP APIs, {@code /} for REST APIs),
 * its model and routes, and the operations behind it.
 */
public record RestJsonService(String pathPrefix, ServiceModel model, RestRoutes routes, GatewayOperations operations) {
    public RestJsonService {
        Objects.requireNonNull(pathPrefix);
        Objects.requireNonNull(model);
        Objects.requireNonNull(routes);
        Objects.requireNonNull(operations);
    }

    /** A service of {@code operations}, with the model it names, loaded once from its module's resources. */
    public static RestJsonService of(String pathPrefix, GatewayOperations operations) {
        ServiceModel model = ServiceModel.load(operations.getClass().getClassLoader(), operations.modelResource(),
                java.util.Optional.empty());
        return new RestJsonService(pathPrefix, model, new RestRoutes(model), operations);
    }
}
