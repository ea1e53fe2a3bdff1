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
 * API Gateway's REST APIs (apigateway): the control plane's operations (stored durably, validated
 * before anything changes) and the front door that serves what each stage's deployment holds.
 */
public final class RestApis implements ApiFront, GatewayOperations {
    private final RestControl control;
    private final Deployments deployments;
    private final RestFront front;
    private final String region;

    public RestApis(GatewayContext context) {
        this.region = context.settings().region().toString();
        this.control = new RestControl(new Ops(context.store(), context.settings().account().toString(), region,
                context.clock()));
        this.deployments = new Deployments(context.store());
        this.front = new RestFront(context, deployments);
    }

    @Override
    public String modelResource() {
        return "dev/lamina/gateway/api/apigateway.json";
    }

    @Override
    public Set<String> operations() {
        return control.names();
    }

    @Override
    public String resource(String operation, ObjectNode input) {
        JsonNode id = input.get("restApiId");
        String base = "arn:aws:apigateway:" + region + "::/restapis";
        return id == null || id.isNull() ? base : base + "/" + id.asText();
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input, String endpoint) throws ServiceException {
        return control.handle(operation, input);
    }

    @Override
    public boolean owns(String apiId) {
        return deployments.owns(apiId);
    }

    @Override
    public void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        front.serve(request, responder);
    }
}
