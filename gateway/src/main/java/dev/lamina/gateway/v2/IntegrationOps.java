package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CreateIntegration, GetIntegration, GetIntegrations, UpdateIntegration, DeleteIntegration. Lamina
 * integrates HTTP APIs with Lambda functions (AWS_PROXY), with payload format 1.0 or 2.0.
 */
final class IntegrationOps {
    private final GatewayContext context;

    IntegrationOps(GatewayContext context) {
        this.context = context;
    }

    ObjectNode create(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        Changes changes = Changes.of(in, this);
        String type = changes.type().orElseThrow(() -> Errors.badRequest("IntegrationType is required"));
        if (changes.uri().isEmpty()) {
            throw Errors.badRequest("IntegrationUri is required for integration type " + type);
        }
        if (changes.payloadFormat().isEmpty()) {
            // AWS: "If you create a Lambda integration by using the AWS CLI, CloudFormation, or an SDK,
            // you must specify a payloadFormatVersion."
            throw Errors.badRequest("PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs:"
                    + " 1.0 or 2.0");
        }
        ObjectNode i = Docs.object();
        i.put("ApiGatewayManaged", false);
        i.put("ConnectionType", "INTERNET");
        i.put("IntegrationId", Ids.part());
        i.put("IntegrationMethod", "POST");
        i.put("TimeoutInMillis", 30000);
        changes.apply(i);
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            Docs.api(tx, account(), apiId);
            Docs.putPart(tx, apiId, Kind.INTEGRATION, i.get("IntegrationId").asText(), i, now);
            Deployments.autoDeploy(tx, apiId, now);
            return i;
        }));
    }

    ObjectNode get(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "IntegrationId");
        return Docs.output(context.store().read(tx -> find(tx, apiId, id)));
    }

    ObjectNode list(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        List<ObjectNode> all = context.store().read(tx -> {
            Docs.api(tx, account(), apiId);
            return Docs.parts(tx, apiId, Kind.INTEGRATION);
        });
        return Docs.page(all, Fields.string(in, "MaxResults"), Fields.string(in, "NextToken"));
    }

    ObjectNode update(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "IntegrationId");
        Changes changes = Changes.of(in, this);
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            ObjectNode i = find(tx, apiId, id);
            changes.apply(i);
            Instant created = tx.httpApis().findPart(apiId, Kind.INTEGRATION, id).orElseThrow().created();
            Docs.putPart(tx, apiId, Kind.INTEGRATION, id, i, created);
            Deployments.autoDeploy(tx, apiId, now);
            return i;
        }));
    }

    void delete(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "IntegrationId");
        context.store().write(tx -> {
            find(tx, apiId, id);
            for (ObjectNode route : Docs.parts(tx, apiId, Kind.ROUTE)) {
                if (route.path("Target").asText().equals("integrations/" + id)) {
                    throw Errors.conflict("Cannot delete integration " + id + ": route "
                            + route.path("RouteKey").asText() + " targets it");
                }
            }
            tx.httpApis().deletePart(apiId, Kind.INTEGRATION, id);
            Deployments.autoDeploy(tx, apiId, context.clock().instant());
            return null;
        });
    }

    private ObjectNode find(Transaction tx, String apiId, String id) {
        Docs.api(tx, account(), apiId);
        return Docs.part(tx, apiId, Kind.INTEGRATION, id).orElseThrow(
                () -> Errors.notFound("Invalid Integration identifier specified " + account() + ":" + id));
    }

    private String account() {
        return context.settings().account().toString();
    }

    /** The members CreateIntegration and UpdateIntegration set, checked before any transaction. */
    private record Changes(Optional<String> type, Optional<String> uri, Optional<String> payloadFormat,
                           Optional<Integer> timeout, Optional<String> method, Optional<String> description,
                           Optional<String> credentials) {
        static Changes of(ObjectNode in, IntegrationOps ops) {
            Optional<String> type = Fields.string(in, "IntegrationType");
            type.ifPresent(t -> {
                switch (t) {
                    case "AWS_PROXY" -> {
                    }
                    case "HTTP_PROXY" -> throw Errors.badRequest("Lamina integrates HTTP APIs with Lambda functions"
                            + " only (AWS_PROXY); HTTP_PROXY is not supported");
                    default -> throw Errors.badRequest("Integration type " + t + " is not supported for HTTP APIs."
                            + " Valid values are AWS_PROXY and HTTP_PROXY");
                }
            });
            Optional<String> uri = Fields.string(in, "IntegrationUri", 1, 2048);
            uri.ifPresent(u -> LambdaTarget.parse(u, ops.context.settings()));
            Optional<String> format = Fields.string(in, "PayloadFormatVersion");
            format.ifPresent(f -> {
                if (!f.equals("1.0") && !f.equals("2.0")) {
                    throw Errors.badRequest("Invalid PayloadFormatVersion: " + f + ". Valid values are 1.0 and 2.0");
                }
            });
            if (Fields.string(in, "IntegrationSubtype").isPresent()) {
                throw Errors.badRequest("IntegrationSubtype (AWS service integrations) is not supported by Lamina");
            }
            Optional<String> connection = Fields.string(in, "ConnectionType");
            if (connection.isPresent() && !connection.get().equals("INTERNET")) {
                throw Errors.badRequest("ConnectionType " + connection.get() + " is not supported for Lambda"
                        + " integrations");
            }
            return new Changes(type, uri, format, Fields.integer(in, "TimeoutInMillis", 50, 30000),
                    Fields.string(in, "IntegrationMethod", 1, 64), Fields.string(in, "Description", 0, 1024),
                    Fields.string(in, "CredentialsArn"));
        }

        void apply(ObjectNode i) {
            type.ifPresent(v -> i.put("IntegrationType", v));
            uri.ifPresent(v -> i.put("IntegrationUri", v));
            payloadFormat.ifPresent(v -> i.put("PayloadFormatVersion", v));
            timeout.ifPresent(v -> i.put("TimeoutInMillis", v));
            method.ifPresent(v -> i.put("IntegrationMethod", v));
            description.ifPresent(v -> i.put("Description", v));
            credentials.ifPresent(v -> i.put("CredentialsArn", v));
        }
    }
}
