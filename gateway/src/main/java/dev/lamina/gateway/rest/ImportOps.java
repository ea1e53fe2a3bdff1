package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ImportRestApi from an OpenAPI 3 (or Swagger 2) definition in JSON, with API Gateway's extensions:
 * {@code x-amazon-apigateway-integration} on operations, {@code x-amazon-apigateway-any-method},
 * {@code x-amazon-apigateway-binary-media-types}, and Lambda authorizers as security schemes with
 * {@code x-amazon-apigateway-authorizer}. The definition is read whole before anything is created;
 * the API is then built through the same operations as by hand, and removed again if one refuses.
 */
final class ImportOps {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options",
            "x-amazon-apigateway-any-method");
    private final Ops ops;
    private final RestControl control;

    ImportOps(Ops ops, RestControl control) {
        this.ops = ops;
        this.control = control;
    }

    JsonNode importApi(ObjectNode in) {
        JsonNode definition = definition(in.get("body"));
        String title = definition.path("info").path("title").asText("");
        if (title.isBlank()) {
            throw Errors.badRequest("Invalid OpenAPI input: info.title must be set (it names the API)");
        }
        if (!definition.path("paths").isObject()) {
            throw Errors.badRequest("Invalid OpenAPI input: paths must be an object");
        }
        ObjectNode create = Docs.JSON.createObjectNode();
        create.put("name", title);
        if (definition.path("info").hasNonNull("description")) {
            create.put("description", definition.path("info").get("description").asText());
        }
        if (definition.path("info").hasNonNull("version")) {
            create.put("version", definition.path("info").get("version").asText());
        }
        if (definition.path("x-amazon-apigateway-binary-media-types").isArray()) {
            create.set("binaryMediaTypes", definition.get("x-amazon-apigateway-binary-media-types"));
        }
        String endpointType = Input.map(in, "parameters").getOrDefault("endpointConfigurationTypes", "EDGE");
        create.putObject("endpointConfiguration").putArray("types").add(endpointType);
        ObjectNode api = (ObjectNode) control.handle("CreateRestApi", create);
        String apiId = api.get("id").asText();
        try {
            build(apiId, api.get("rootResourceId").asText(), definition);
        } catch (ServiceException | IllegalArgumentException e) {
            control.handle("DeleteRestApi", Docs.JSON.createObjectNode().put("restApiId", apiId));
            throw e instanceof ServiceException s ? s : Errors.badRequest("Invalid OpenAPI input: " + e.getMessage());
        }
        return control.handle("GetRestApi", Docs.JSON.createObjectNode().put("restApiId", apiId));
    }

    private static JsonNode definition(JsonNode body) {
        try {
            byte[] bytes = body == null ? new byte[0] : body.isBinary() ? body.binaryValue()
                    : body.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            JsonNode d = Docs.JSON.readTree(bytes);
            if (d == null || !d.isObject() || !(d.has("openapi") || d.has("swagger"))) {
                throw Errors.badRequest("Invalid OpenAPI input: Lamina imports OpenAPI 3 and Swagger 2 definitions"
                        + " in JSON");
            }
            return d;
        } catch (IOException e) {
            throw Errors.badRequest("Invalid OpenAPI input: Lamina imports OpenAPI 3 and Swagger 2 definitions in JSON");
        }
    }

    private void build(String apiId, String rootId, JsonNode definition) {
        Map<String, String> authorizers = authorizers(apiId, definition);
        Map<String, String> resourceIds = new HashMap<>();
        resourceIds.put("/", rootId);
        for (Iterator<Map.Entry<String, JsonNode>> it = definition.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String resourceId = resource(apiId, path.getKey(), resourceIds);
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null && operation.isObject()) {
                    method(apiId, resourceId, method.startsWith("x-") ? "ANY" : method.toUpperCase(Locale.ROOT),
                            operation, definition.path("security"), authorizers);
                }
            }
        }
    }

    /** The resource of {@code path}, creating it and its parents as needed. */
    private String resource(String apiId, String path, Map<String, String> ids) {
        if (!path.startsWith("/")) {
            throw Errors.badRequest("Invalid OpenAPI input: path " + path + " must start with /");
        }
        String parent = "/";
        for (String part : path.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String here = (parent.equals("/") ? "" : parent) + "/" + part;
            if (!ids.containsKey(here)) {
                ObjectNode in = Docs.JSON.createObjectNode().put("restApiId", apiId).put("parentId", ids.get(parent))
                        .put("pathPart", part);
                ids.put(here, control.handle("CreateResource", in).get("id").asText());
            }
            parent = here;
        }
        return ids.get(parent);
    }

    private void method(String apiId, String resourceId, String httpMethod, JsonNode operation, JsonNode globalSecurity,
                        Map<String, String> authorizers) {
        ObjectNode put = Docs.JSON.createObjectNode().put("restApiId", apiId).put("resourceId", resourceId)
                .put("httpMethod", httpMethod).put("authorizationType", "NONE");
        JsonNode security = operation.has("security") ? operation.get("security") : globalSecurity;
        for (JsonNode requirement : security) {
            for (Iterator<String> names = requirement.fieldNames(); names.hasNext(); ) {
                String authorizerId = authorizers.get(names.next());
                if (authorizerId != null) {
                    put.put("authorizationType", "CUSTOM").put("authorizerId", authorizerId);
                }
            }
        }
        if (operation.hasNonNull("operationId")) {
            put.put("operationName", operation.get("operationId").asText());
        }
        control.handle("PutMethod", put);
        for (Iterator<String> codes = operation.path("responses").fieldNames(); codes.hasNext(); ) {
            String code = codes.next();
            if (code.matches("[1-5]\\d\\d")) {
                control.handle("PutMethodResponse", target(apiId, resourceId, httpMethod).put("statusCode", code));
            }
        }
        JsonNode integration = operation.get("x-amazon-apigateway-integration");
        if (integration == null) {
            return;
        }
        ObjectNode put2 = target(apiId, resourceId, httpMethod);
        put2.put("type", integration.path("type").asText("").toUpperCase(Locale.ROOT));
        copy(integration, "httpMethod", put2, "integrationHttpMethod");
        copy(integration, "uri", put2, "uri");
        copy(integration, "passthroughBehavior", put2, "passthroughBehavior");
        copy(integration, "timeoutInMillis", put2, "timeoutInMillis");
        copy(integration, "contentHandling", put2, "contentHandling");
        copy(integration, "credentials", put2, "credentials");
        if (integration.path("requestTemplates").isObject()) {
            put2.set("requestTemplates", integration.get("requestTemplates"));
        }
        if (integration.path("requestParameters").isObject()) {
            put2.set("requestParameters", integration.get("requestParameters"));
        }
        control.handle("PutIntegration", put2);
        for (Iterator<Map.Entry<String, JsonNode>> it = integration.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            String status = r.getValue().path("statusCode").asText("");
            ObjectNode methodResponse = target(apiId, resourceId, httpMethod).put("statusCode", status);
            control.handle("PutMethodResponse", methodResponse);
            ObjectNode response = target(apiId, resourceId, httpMethod).put("statusCode", status);
            if (!r.getKey().equals("default")) {
                response.put("selectionPattern", r.getKey());
            }
            if (r.getValue().path("responseTemplates").isObject()) {
                response.set("responseTemplates", r.getValue().get("responseTemplates"));
            }
            if (r.getValue().path("responseParameters").isObject()) {
                response.set("responseParameters", r.getValue().get("responseParameters"));
            }
            control.handle("PutIntegrationResponse", response);
        }
    }

    /** Lambda authorizers among the security schemes (OpenAPI 3's components, Swagger 2's securityDefinitions). */
    private Map<String, String> authorizers(String apiId, JsonNode definition) {
        Map<String, String> ids = new HashMap<>();
        List<Map.Entry<String, JsonNode>> schemes = new ArrayList<>();
        definition.path("components").path("securitySchemes").fields().forEachRemaining(schemes::add);
        definition.path("securityDefinitions").fields().forEachRemaining(schemes::add);
        for (Map.Entry<String, JsonNode> scheme : schemes) {
            JsonNode a = scheme.getValue().get("x-amazon-apigateway-authorizer");
            if (a == null) {
                continue;
            }
            ObjectNode in = Docs.JSON.createObjectNode().put("restApiId", apiId).put("name", scheme.getKey())
                    .put("type", a.path("type").asText("").toUpperCase(Locale.ROOT));
            copy(a, "authorizerUri", in, "authorizerUri");
            copy(a, "authorizerCredentials", in, "authorizerCredentials");
            copy(a, "identityValidationExpression", in, "identityValidationExpression");
            copy(a, "authorizerResultTtlInSeconds", in, "authorizerResultTtlInSeconds");
            if (a.hasNonNull("identitySource")) {
                in.put("identitySource", a.get("identitySource").asText());
            } else if (scheme.getValue().path("in").asText().equals("header")) {
                in.put("identitySource", "method.request.header." + scheme.getValue().path("name").asText());
            }
            ids.put(scheme.getKey(), control.handle("CreateAuthorizer", in).get("id").asText());
        }
        return ids;
    }

    private static ObjectNode target(String apiId, String resourceId, String httpMethod) {
        return Docs.JSON.createObjectNode().put("restApiId", apiId).put("resourceId", resourceId)
                .put("httpMethod", httpMethod);
    }

    private static void copy(JsonNode from, String key, ObjectNode to, String member) {
        if (from.hasNonNull(key)) {
            to.set(member, from.get(key));
        }
    }
}
