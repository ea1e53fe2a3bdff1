package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Transaction;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * PutMethod, GetMethod, DeleteMethod and the method responses. A method lives inside its
 * resource's document ({@code resourceMethods}), with its integration ({@code methodIntegration},
 * see {@link IntegrationOps}) and responses ({@code methodResponses}).
 */
final class MethodOps {
    static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY");
    private static final Set<String> AUTHORIZATION = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
    private final Ops ops;

    MethodOps(Ops ops) {
        this.ops = ops;
    }

    /** The resource and method named by the input: both exist, or NotFound. */
    record Target(String apiId, ObjectNode resource, String httpMethod) {
        ObjectNode method() {
            JsonNode m = resource.path("resourceMethods").get(httpMethod);
            if (m == null) {
                throw Errors.notFound("Invalid Method identifier specified");
            }
            return (ObjectNode) m;
        }

        void save(Transaction tx) {
            Docs.putPart(tx, apiId, Docs.RESOURCE, resource.get("id").asText(), resource, Instant.EPOCH);
        }
    }

    static Target target(Transaction tx, Ops ops, ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String resourceId = Input.required(in, "resourceId");
        String httpMethod = Input.required(in, "httpMethod").toUpperCase(Locale.ROOT);
        Docs.api(tx, ops.account(), apiId);
        return new Target(apiId, Docs.resource(tx, apiId, resourceId), httpMethod);
    }

    JsonNode put(ObjectNode in) {
        String httpMethod = Input.required(in, "httpMethod").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(httpMethod)) {
            throw Errors.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,"
                    + "HEAD,ANY");
        }
        String authorization = Input.required(in, "authorizationType").toUpperCase(Locale.ROOT);
        if (!AUTHORIZATION.contains(authorization)) {
            throw Errors.badRequest("Invalid authorization type specified. Valid options are NONE, AWS_IAM, CUSTOM,"
                    + " COGNITO_USER_POOLS");
        }
        return ops.store().write(tx -> {
            Target t = target(tx, ops, in);
            if (t.resource().path("resourceMethods").has(httpMethod)) {
                throw Errors.conflict("Method already exists for this resource");
            }
            ObjectNode m = Docs.JSON.createObjectNode();
            m.put("httpMethod", httpMethod);
            m.put("authorizationType", authorization);
            if (authorization.equals("CUSTOM") || authorization.equals("COGNITO_USER_POOLS")) {
                String authorizerId = Input.text(in, "authorizerId")
                        .filter(a -> Docs.part(tx, t.apiId(), Docs.AUTHORIZER, a).isPresent())
                        .orElseThrow(() -> Errors.badRequest("Invalid authorizer ID specified. Setting the"
                                + " authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer."));
                m.put("authorizerId", authorizerId);
            }
            m.put("apiKeyRequired", Input.bool(in, "apiKeyRequired").orElse(false));
            Input.text(in, "operationName").ifPresent(v -> m.put("operationName", v));
            Input.text(in, "requestValidatorId").ifPresent(v -> m.put("requestValidatorId", v));
            copyObject(in, m, "requestParameters");
            copyObject(in, m, "requestModels");
            if (in.path("authorizationScopes").isArray() && !in.get("authorizationScopes").isEmpty()) {
                m.set("authorizationScopes", in.get("authorizationScopes"));
            }
            ObjectNode methods = t.resource().has("resourceMethods") ? (ObjectNode) t.resource().get("resourceMethods")
                    : t.resource().putObject("resourceMethods");
            methods.set(httpMethod, m);
            t.save(tx);
            return m;
        });
    }

    static void copyObject(ObjectNode in, ObjectNode out, String member) {
        if (in.path(member).isObject() && !in.get(member).isEmpty()) {
            out.set(member, in.get(member).deepCopy());
        }
    }

    JsonNode get(ObjectNode in) {
        return ops.store().read(tx -> target(tx, ops, in).method());
    }

    JsonNode delete(ObjectNode in) {
        ops.store().write(tx -> {
            Target t = target(tx, ops, in);
            t.method();
            ((ObjectNode) t.resource().get("resourceMethods")).remove(t.httpMethod());
            if (t.resource().get("resourceMethods").isEmpty()) {
                t.resource().remove("resourceMethods");
            }
            t.save(tx);
            return null;
        });
        return Docs.JSON.createObjectNode();
    }

    JsonNode putResponse(ObjectNode in) {
        String status = status(in);
        return ops.store().write(tx -> {
            Target t = target(tx, ops, in);
            ObjectNode m = t.method();
            ObjectNode r = Docs.JSON.createObjectNode();
            r.put("statusCode", status);
            copyObject(in, r, "responseParameters");
            copyObject(in, r, "responseModels");
            (m.has("methodResponses") ? (ObjectNode) m.get("methodResponses") : m.putObject("methodResponses"))
                    .set(status, r);
            t.save(tx);
            return r;
        });
    }

    JsonNode getResponse(ObjectNode in) {
        String status = status(in);
        return ops.store().read(tx -> {
            JsonNode r = target(tx, ops, in).method().path("methodResponses").get(status);
            if (r == null) {
                throw Errors.notFound("Invalid Response status code specified");
            }
            return r;
        });
    }

    JsonNode deleteResponse(ObjectNode in) {
        String status = status(in);
        ops.store().write(tx -> {
            Target t = target(tx, ops, in);
            ObjectNode m = t.method();
            if (!m.path("methodResponses").has(status)) {
                throw Errors.notFound("Invalid Response status code specified");
            }
            ((ObjectNode) m.get("methodResponses")).remove(status);
            t.save(tx);
            return null;
        });
        return Docs.JSON.createObjectNode();
    }

    static String status(ObjectNode in) {
        String status = Input.required(in, "statusCode");
        if (!status.matches("[1-5]\\d\\d")) {
            throw Errors.badRequest("Invalid status code specified: " + status);
        }
        return status;
    }
}
