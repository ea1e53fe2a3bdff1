package dev.lamina.server.http;

/**
 * One AWS operation at the edge: it parses the request into the control plane's types, calls it,
 * and renders the answer. Errors are thrown as {@link dev.lamina.model.LambdaException}; the
 * dispatcher renders them.
 */
@FunctionalInterface
public interface Operation {
    ApiResponse handle(ApiRequest request) throws java.io.IOException;
}
