package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PutIntegration, GetIntegration, DeleteIntegration and the integration responses. Lamina serves
 * AWS_PROXY integrations with Lambda and MOCK integrations; the other types are stored as AWS
 * stores them and answer 500 when called.
 */
final class IntegrationOps {
    private static final Set<String> TYPES = Set.of("HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY");
    private final Ops ops;

    IntegrationOps(Ops ops) {
        this.ops = ops;
    }

    JsonNode put(ObjectNode in) {
        String type = Input.required(in, "type").toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw Errors.badRequest("Invalid integration type specified. Valid options are HTTP, AWS, MOCK, HTTP_PROXY,"
                    + " AWS_PROXY");
        }
        ObjectNode i = Docs.JSON.createObjectNode();
        i.put("type", type);
        if (!type.equals("MOCK")) {
            String method = Input.text(in, "integrationHttpMethod").map(m -> m.toUpperCase(Locale.ROOT))
                    .filter(m -> !m.isEmpty())
                    .orElseThrow(() -> Errors.badRequest("Enumeration value for HttpMethod must be non-empty"));
            if (!MethodOps.METHODS.contains(method)) {
                throw Errors.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,"
                        + "OPTIONS,HEAD,ANY");
            }
            i.put("httpMethod", method);
            i.put("uri", uri(type, Input.text(in, "uri")));
        } else {
            Input.text(in, "integrationHttpMethod").ifPresent(m -> i.put("httpMethod", m.toUpperCase(Locale.ROOT)));
        }
        Input.text(in, "credentials").ifPresent(c -> i.put("credentials", c));
        MethodOps.copyObject(in, i, "requestParameters");
        MethodOps.copyObject(in, i, "requestTemplates");
        i.put("passthroughBehavior", Input.text(in, "passthroughBehavior").map(p -> p.toUpperCase(Locale.ROOT))
                .orElse("WHEN_NO_MATCH"));
        Input.text(in, "contentHandling").ifPresent(c -> i.put("contentHandling", c));
        int timeout = Input.integer(in, "timeoutInMillis").orElse(29_000);
        if (timeout < 50 || timeout > 29_000) {
            throw Errors.badRequest("Timeout should be between 50 ms and 29000 ms");
        }
        i.put("timeoutInMillis", timeout);
        if (!type.equals("MOCK")) {
            i.put("connectionType", Input.text(in, "connectionType").orElse("INTERNET"));
        }
        return ops.store().write(tx -> {
            MethodOps.Target t = MethodOps.target(tx, ops, in);
            ObjectNode m = t.method();
            i.put("cacheNamespace", Input.text(in, "cacheNamespace").orElse(t.resource().get("id").asText()));
            i.set("cacheKeyParameters", in.path("cacheKeyParameters").isArray() ? in.get("cacheKeyParameters")
                    : Docs.JSON.createArrayNode());
            m.set("methodIntegration", i);
            t.save(tx);
            return i;
        });
    }

    private static String uri(String type, Optional<String> given) {
        String uri = given.filter(u -> !u.isEmpty()).orElseThrow(() -> Errors.badRequest(
                type.startsWith("HTTP") ? "Invalid HTTP endpoint specified for URI" : "Invalid ARN specified in the request"));
        if (type.startsWith("HTTP")) {
            if (!uri.matches("https?://.+")) {
                throw Errors.badRequest("Invalid HTTP endpoint specified for URI");
            }
            return uri;
        }
        if (!LambdaUri.awsServiceArn(uri)) {
            throw Errors.badRequest("AWS ARN for integration must contain path or action");
        }
        if (type.equals("AWS_PROXY") && LambdaUri.function(uri).isEmpty()) {
            throw Errors.badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and"
                    + " Firehose stream invocations.");
        }
        return uri;
    }

    JsonNode get(ObjectNode in) {
        return ops.store().read(tx -> integration(MethodOps.target(tx, ops, in).method()));
    }

    static ObjectNode integration(ObjectNode method) {
        JsonNode i = method.get("methodIntegration");
        if (i == null) {
            throw Errors.notFound("No integration defined for method");
        }
        return (ObjectNode) i;
    }

    JsonNode delete(ObjectNode in) {
        ops.store().write(tx -> {
            MethodOps.Target t = MethodOps.target(tx, ops, in);
            ObjectNode m = t.method();
            integration(m);
            m.remove("methodIntegration");
            t.save(tx);
            return null;
        });
        return Docs.JSON.createObjectNode();
    }

    JsonNode putResponse(ObjectNode in) {
        String status = MethodOps.status(in);
        ObjectNode r = Docs.JSON.createObjectNode();
        r.put("statusCode", status);
        Input.text(in, "selectionPattern").ifPresent(p -> {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw Errors.badRequest("Invalid selection pattern specified: " + p);
            }
            r.put("selectionPattern", p);
        });
        MethodOps.copyObject(in, r, "responseParameters");
        MethodOps.copyObject(in, r, "responseTemplates");
        Input.text(in, "contentHandling").ifPresent(c -> r.put("contentHandling", c));
        return ops.store().write(tx -> {
            MethodOps.Target t = MethodOps.target(tx, ops, in);
            ObjectNode m = t.method();
            ObjectNode i = integration(m);
            if (!m.path("methodResponses").has(status)) {
                throw Errors.notFound("Invalid Response status code specified");
            }
            (i.has("integrationResponses") ? (ObjectNode) i.get("integrationResponses")
                    : i.putObject("integrationResponses")).set(status, r);
            t.save(tx);
            return r;
        });
    }

    JsonNode getResponse(ObjectNode in) {
        String status = MethodOps.status(in);
        return ops.store().read(tx -> {
            JsonNode r = integration(MethodOps.target(tx, ops, in).method()).path("integrationResponses").get(status);
            if (r == null) {
                throw Errors.notFound("Invalid Response status code specified");
            }
            return r;
        });
    }

    JsonNode deleteResponse(ObjectNode in) {
        String status = MethodOps.status(in);
        ops.store().write(tx -> {
            MethodOps.Target t = MethodOps.target(tx, ops, in);
            ObjectNode i = integration(t.method());
            if (!i.path("integrationResponses").has(status)) {
                throw Errors.notFound("Invalid Response status code specified");
            }
            ((ObjectNode) i.get("integrationResponses")).remove(status);
            t.save(tx);
            return null;
        });
        return Docs.JSON.createObjectNode();
    }
}
