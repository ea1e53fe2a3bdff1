package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.gateway.api.GatewayOperations;
import dev.lamina.gateway.web.ApiFront;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebResponder;
import dev.lamina.model.ServiceException;

import java.io.IOException;
import java.util.Set;

/**
 * API Gateway's HTTP APIs (apigatewayv2): the control plane's operations and the front door that serves the
 * deployed APIs. Branch {@code httpapi} builds it.
 */
public final class HttpApis implements ApiFront, GatewayOperations {
    private final GatewayContext context;

    public HttpApis(GatewayContext context) {
        this.context = context;
    }

    @Override
    public String modelResource() {
        return "dev/lamina/gateway/api/apigatewayv2.json";
    }

    @Override
    public Set<String> operations() {
        return Set.of();
    }

    @Override
    public String resource(String operation, ObjectNode input) {
        return "*";
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input, String endpoint) throws ServiceException {
        throw new UnsupportedOperationException("HTTP APIs (apigatewayv2): branch httpapi");
    }

    @Override
    public boolean owns(String apiId) {
        return false;
    }

    @Override
    public void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("HTTP APIs (apigatewayv2): branch httpapi");
    }
}
