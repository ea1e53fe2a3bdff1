package dev.lamina.gateway.rest;

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
 * API Gateway's REST APIs (apigateway): the control plane's operations and the front door that serves the
 * deployed APIs. Branch {@code restapi} builds it.
 */
public final class RestApis implements ApiFront, GatewayOperations {
    private final GatewayContext context;

    public RestApis(GatewayContext context) {
        this.context = context;
    }

    @Override
    public String modelResource() {
        return "dev/lamina/gateway/api/apigateway.json";
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
        throw new UnsupportedOperationException("REST APIs (apigateway): branch restapi");
    }

    @Override
    public boolean owns(String apiId) {
        return false;
    }

    @Override
    public void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("REST APIs (apigateway): branch restapi");
    }
}
