package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateApi (with quick create), GetApi, GetApis, UpdateApi, DeleteApi, DeleteCorsConfiguration.
 * Every input is checked before the transaction that changes anything.
 */
final class ApiOps {
    static final String ROUTE_SELECTION = "${request.method} ${request.path}";
    static final String API_KEY_SELECTION = "$request.header.x-api-key";

    private final GatewayContext context;

    ApiOps(GatewayContext context) {
        this.context = context;
    }

    ObjectNode create(ObjectNode in, String endpoint) {
        String name = Fields.string(in, "Name", 1, 128).orElseThrow(() -> Errors.badRequest("Name is required"));
        String protocol = Fields.required(in, "ProtocolType");
        if (protocol.equals("WEBSOCKET")) {
            throw Errors.badRequest("Lamina supports HTTP APIs only (ProtocolType HTTP), not WebSocket APIs");
        }
        if (!protocol.equals("HTTP")) {
            throw Errors.badRequest("Invalid ProtocolType: " + protocol + ". Valid values are WEBSOCKET and HTTP");
        }
        Fields.string(in, "RouteSelectionExpression").ifPresent(ApiOps::checkRouteSelection);
        ObjectNode doc = Docs.object();
        String apiId = Ids.api();
        Instant now = context.clock().instant();
        doc.put("ApiId", apiId);
        doc.put("ApiKeySelectionExpression", API_KEY_SELECTION);
        Fields.object(in, "CorsConfiguration").ifPresent(c -> doc.set("CorsConfiguration", Cors.checked(c)));
        doc.put("CreatedDate", Docs.iso(now));
        Fields.string(in, "Description", 0, 1024).ifPresent(v -> doc.put("Description", v));
        doc.put("DisableExecuteApiEndpoint", Fields.bool(in, "DisableExecuteApiEndpoint").orElse(false));
        doc.put("IpAddressType", Fields.string(in, "IpAddressType").map(ApiOps::ipAddressType).orElse("ipv4"));
        doc.put("Name", name);
        doc.put("ProtocolType", "HTTP");
        doc.put("RouteSelectionExpression", ROUTE_SELECTION);
        doc.set("Tags", Docs.map(Fields.stringMap(in, "Tags").orElse(Map.of())));
        Fields.string(in, "Version", 1, 64).ifPresent(v -> doc.put("Version", v));

        Optional<String> target = Fields.string(in, "Target", 1, 2048);
        Optional<String> routeKey = Fields.string(in, "RouteKey");
        Optional<String> credentials = Fields.string(in, "CredentialsArn");
        if (target.isEmpty() && (routeKey.isPresent() || credentials.isPresent())) {
            throw Errors.badRequest("RouteKey and CredentialsArn are part of quick create: they need a Target");
        }
        Optional<ObjectNode> integration = target.map(t -> quickIntegration(t, credentials));
        RouteKey key = RouteKey.parse(routeKey.orElse(RouteKey.DEFAULT));

        context.store().write(tx -> {
            Docs.putApi(tx, apiId, doc, now);
            integration.ifPresent(i -> quickCreate(tx, apiId, i, key, now));
            return null;
        });
        return output(doc, endpoint);
    }

    /** Quick create's integration: AWS_PROXY to the function, payload format 2.0, managed by API Gateway. */
    private ObjectNode quickIntegration(String target, Optional<String> credentials) {
        if (!LambdaTarget.isLambda(target)) {
            throw Errors.badRequest("Lamina's quick create supports Lambda targets only (a function ARN): " + target);
        }
        LambdaTarget.parse(target, context.settings());
        ObjectNode i = Docs.object();
        i.put("ApiGatewayManaged", true);
        i.put("ConnectionType", "INTERNET");
        credentials.ifPresent(c -> i.put("CredentialsArn", c));
        i.put("IntegrationId", Ids.part());
        i.put("IntegrationMethod", "POST");
        i.put("IntegrationType", "AWS_PROXY");
        i.put("IntegrationUri", target);
        i.put("PayloadFormatVersion", "2.0");
        i.put("TimeoutInMillis", 30000);
        return i;
    }

    private static void quickCreate(Transaction tx, String apiId, ObjectNode integration, RouteKey key, Instant now) {
        String integrationId = integration.get("IntegrationId").asText();
        Docs.putPart(tx, apiId, Kind.INTEGRATION, integrationId, integration, now);
        ObjectNode route = RouteOps.newRoute(key.text());
        route.put("ApiGatewayManaged", true);
        route.put("Target", "integrations/" + integrationId);
        Docs.putPart(tx, apiId, Kind.ROUTE, route.get("RouteId").asText(), route, now);
        ObjectNode stage = StageOps.newStage(RouteKey.DEFAULT, now);
        stage.put("ApiGatewayManaged", true);
        stage.put("AutoDeploy", true);
        Docs.putPart(tx, apiId, Kind.STAGE, RouteKey.DEFAULT, stage, now);
        Deployments.autoDeploy(tx, apiId, now);
    }

    ObjectNode get(ObjectNode in, String endpoint) {
        String apiId = Fields.required(in, "ApiId");
        return output(context.store().read(tx -> Docs.api(tx, account(), apiId)), endpoint);
    }

    ObjectNode list(ObjectNode in, String endpoint) {
        List<ObjectNode> apis = context.store().read(tx -> tx.httpApis().list().stream()
                .map(a -> Docs.parse(a.document())).toList());
        ObjectNode page = Docs.page(apis, Fields.string(in, "MaxResults"), Fields.string(in, "NextToken"));
        page.withArray("Items").forEach(a -> ((ObjectNode) a).put("ApiEndpoint", endpoint(a.get("ApiId").asText(),
                endpoint)));
        return page;
    }

    ObjectNode update(ObjectNode in, String endpoint) {
        String apiId = Fields.required(in, "ApiId");
        Optional<String> name = Fields.string(in, "Name", 1, 128);
        Optional<String> description = Fields.string(in, "Description", 0, 1024);
        Optional<String> version = Fields.string(in, "Version", 1, 64);
        Optional<ObjectNode> cors = Fields.object(in, "CorsConfiguration").map(Cors::checked);
        Optional<Boolean> disable = Fields.bool(in, "DisableExecuteApiEndpoint");
        Optional<String> ipType = Fields.string(in, "IpAddressType").map(ApiOps::ipAddressType);
        Fields.string(in, "RouteSelectionExpression").ifPresent(ApiOps::checkRouteSelection);
        Optional<String> target = Fields.string(in, "Target", 1, 2048);
        target.ifPresent(t -> LambdaTarget.parse(t, context.settings()));
        if (Fields.string(in, "RouteKey").isPresent()) {
            throw Errors.badRequest("The route key of quick create's route cannot be changed with UpdateApi;"
                    + " use UpdateRoute");
        }
        Instant now = context.clock().instant();
        ObjectNode doc = context.store().write(tx -> {
            ObjectNode api = Docs.api(tx, account(), apiId);
            name.ifPresent(v -> api.put("Name", v));
            description.ifPresent(v -> api.put("Description", v));
            version.ifPresent(v -> api.put("Version", v));
            cors.ifPresent(v -> api.set("CorsConfiguration", v));
            disable.ifPresent(v -> api.put("DisableExecuteApiEndpoint", v));
            ipType.ifPresent(v -> api.put("IpAddressType", v));
            if (target.isPresent()) {
                ObjectNode managed = Docs.parts(tx, apiId, Kind.INTEGRATION).stream()
                        .filter(i -> i.path("ApiGatewayManaged").asBoolean(false)).findFirst()
                        .orElseThrow(() -> Errors.badRequest("Target can be updated only on an API made by quick"
                                + " create"));
                managed.put("IntegrationUri", target.get());
                Docs.putPart(tx, apiId, Kind.INTEGRATION, managed.get("IntegrationId").asText(), managed, now);
                Deployments.autoDeploy(tx, apiId, now);
            }
            Docs.putApi(tx, apiId, api, now);
            return api;
        });
        return output(doc, endpoint);
    }

    void delete(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        context.store().write(tx -> {
            Docs.api(tx, account(), apiId);
            tx.httpApis().delete(apiId);
            return null;
        });
    }

    void deleteCors(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        context.store().write(tx -> {
            ObjectNode api = Docs.api(tx, account(), apiId);
            api.remove("CorsConfiguration");
            Docs.putApi(tx, apiId, api, context.clock().instant());
            return null;
        });
    }

    private ObjectNode output(ObjectNode doc, String endpoint) {
        ObjectNode out = Docs.output(doc);
        out.put("ApiEndpoint", endpoint(doc.get("ApiId").asText(), endpoint));
        return out;
    }

    /** {@code http://<api-id>.execute-api.localhost:<port>}: the port the caller reached Lamina on. */
    static String endpoint(String apiId, String endpoint) {
        int port = -1;
        try {
            port = URI.create(endpoint).getPort();
        } catch (IllegalArgumentException e) {
            // a Host header that is no authority: no port then
        }
        return "http://" + apiId + ".execute-api.localhost" + (port > 0 && port != 80 ? ":" + port : "");
    }

    private static void checkRouteSelection(String expression) {
        if (!expression.equals(ROUTE_SELECTION) && !expression.equals("$request.method $request.path")) {
            throw Errors.badRequest("Invalid RouteSelectionExpression: " + expression + ". HTTP APIs support only"
                    + " ${request.method} ${request.path}");
        }
    }

    private static String ipAddressType(String v) {
        if (!v.equals("ipv4") && !v.equals("dualstack")) {
            throw Errors.badRequest("Invalid IpAddressType: " + v + ". Valid values are ipv4 and dualstack");
        }
        return v;
    }

    private String account() {
        return context.settings().account().toString();
    }
}
