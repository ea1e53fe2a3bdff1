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
 * deployed APIs on {@code <api-id>.execute-api.localhost} and {@code /_aws/execute-api/<api-id>/}.
 */
public final class HttpApis implements ApiFront, GatewayOperations {
    private final GatewayContext context;
    private final Control control;
    private final Front front;

    public HttpApis(GatewayContext context) {
        this.context = context;
        this.control = new Control(context);
        this.front = new Front(context);
    }

    @Override
    public String modelResource() {
        return "dev/lamina/gateway/api/apigatewayv2.json";
    }

    @Override
    public Set<String> operations() {
        return Control.OPERATIONS;
    }

    @Override
    public String resource(String operation, ObjectNode input) {
        String base = "arn:aws:apigateway:" + context.settings().region() + "::/apis";
        JsonNode id = input.get("ApiId");
        return id != null && id.isTextual() ? base + "/" + id.asText() : base;
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input, String endpoint) throws ServiceException {
        return control.handle(operation, input, endpoint);
    }

    @Override
    public boolean owns(String apiId) {
        return front.owns(apiId);
    }

    @Override
    public void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        front.serve(request, responder);
    }
}
