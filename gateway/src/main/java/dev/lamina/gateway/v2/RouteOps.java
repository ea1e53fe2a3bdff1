package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** CreateRoute, GetRoute, GetRoutes, UpdateRoute, DeleteRoute. */
final class RouteOps {
    static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "JWT", "CUSTOM", "AWS_IAM");

    private final GatewayContext context;

    RouteOps(GatewayContext context) {
        this.context = context;
    }

    /** A route as CreateRoute makes it before the input's members apply. */
    static ObjectNode newRoute(String routeKey) {
        ObjectNode r = Docs.object();
        r.put("ApiKeyRequired", false);
        r.put("AuthorizationType", "NONE");
        r.put("RouteId", Ids.part());
        r.put("RouteKey", routeKey);
        return r;
    }

    ObjectNode create(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        RouteKey key = RouteKey.parse(Fields.required(in, "RouteKey"));
        ObjectNode route = newRoute(key.text());
        Changes changes = Changes.of(in);
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            Docs.api(tx, account(), apiId);
            changes.apply(route);
            check(tx, apiId, route);
            Docs.putPart(tx, apiId, Kind.ROUTE, route.get("RouteId").asText(), route, now);
            Deployments.autoDeploy(tx, apiId, now);
            return route;
        }));
    }

    ObjectNode get(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String routeId = Fields.required(in, "RouteId");
        return Docs.output(context.store().read(tx -> find(tx, apiId, routeId)));
    }

    ObjectNode list(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        List<ObjectNode> routes = context.store().read(tx -> {
            Docs.api(tx, account(), apiId);
            return Docs.parts(tx, apiId, Kind.ROUTE);
        });
        return Docs.page(routes, Fields.string(in, "MaxResults"), Fields.string(in, "NextToken"));
    }

    ObjectNode update(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String routeId = Fields.required(in, "RouteId");
        Optional<RouteKey> key = Fields.string(in, "RouteKey").map(RouteKey::parse);
        Changes changes = Changes.of(in);
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            ObjectNode route = find(tx, apiId, routeId);
            if (key.isPresent() && route.path("ApiGatewayManaged").asBoolean(false)
                    && !key.get().text().equals(route.path("RouteKey").asText())) {
                throw Errors.badRequest("The route key of a route made by quick create cannot be changed");
            }
            key.ifPresent(k -> route.put("RouteKey", k.text()));
            changes.apply(route);
            check(tx, apiId, route);
            Instant created = tx.httpApis().findPart(apiId, Kind.ROUTE, routeId).orElseThrow().created();
            Docs.putPart(tx, apiId, Kind.ROUTE, routeId, route, created);
            Deployments.autoDeploy(tx, apiId, now);
            return route;
        }));
    }

    void delete(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String routeId = Fields.required(in, "RouteId");
        context.store().write(tx -> {
            find(tx, apiId, routeId);
            tx.httpApis().deletePart(apiId, Kind.ROUTE, routeId);
            Deployments.autoDeploy(tx, apiId, context.clock().instant());
            return null;
        });
    }

    private ObjectNode find(Transaction tx, String apiId, String routeId) {
        Docs.api(tx, account(), apiId);
        return Docs.part(tx, apiId, Kind.ROUTE, routeId).orElseThrow(
                () -> Errors.notFound("Invalid Route identifier specified " + account() + ":" + routeId));
    }

    /** The checks that need the API's other parts: a unique key, the target, the authorizer. */
    private void check(Transaction tx, String apiId, ObjectNode route) {
        String key = route.get("RouteKey").asText();
        String id = route.get("RouteId").asText();
        for (ObjectNode other : Docs.parts(tx, apiId, Kind.ROUTE)) {
            if (other.path("RouteKey").asText().equals(key) && !other.path("RouteId").asText().equals(id)) {
                throw Errors.conflict("Route with key " + key + " already exists for this API");
            }
        }
        JsonNode target = route.get("Target");
        if (target != null) {
            String t = target.asText();
            if (!t.startsWith("integrations/")) {
                throw Errors.badRequest("Invalid Target: " + t + ". A route's target is integrations/<integration-id>");
            }
            String integrationId = t.substring("integrations/".length());
            if (Docs.part(tx, apiId, Kind.INTEGRATION, integrationId).isEmpty()) {
                throw Errors.notFound("Invalid Integration identifier specified " + account() + ":" + integrationId);
            }
        }
        String type = route.get("AuthorizationType").asText();
        if (type.equals("JWT") || type.equals("CUSTOM")) {
            String authorizerId = route.path("AuthorizerId").asText("");
            if (authorizerId.isEmpty()) {
                throw Errors.badRequest("AuthorizerId is required for AuthorizationType " + type);
            }
            ObjectNode authorizer = Docs.part(tx, apiId, Kind.AUTHORIZER, authorizerId).orElseThrow(
                    () -> Errors.notFound("Invalid Authorizer identifier specified " + account() + ":" + authorizerId));
            String want = type.equals("JWT") ? "JWT" : "REQUEST";
            if (!authorizer.path("AuthorizerType").asText().equals(want)) {
                throw Errors.badRequest("AuthorizationType " + type + " needs an authorizer of type " + want);
            }
        } else {
            route.remove("AuthorizerId");
        }
        if (!type.equals("JWT") && route.has("AuthorizationScopes") && !route.get("AuthorizationScopes").isEmpty()) {
            throw Errors.badRequest("AuthorizationScopes are supported only for routes with a JWT authorizer");
        }
    }

    private String account() {
        return context.settings().account().toString();
    }

    /** The members CreateRoute and UpdateRoute set, read and checked before any transaction. */
    private record Changes(Optional<String> target, Optional<String> authorizationType, Optional<String> authorizerId,
                           Optional<List<String>> scopes, Optional<String> operationName, Optional<Boolean> apiKey) {
        static Changes of(ObjectNode in) {
            Optional<String> type = Fields.string(in, "AuthorizationType");
            type.ifPresent(t -> {
                if (!AUTHORIZATION_TYPES.contains(t)) {
                    throw Errors.badRequest("Invalid AuthorizationType: " + t
                            + ". Valid values for HTTP APIs are NONE, JWT, CUSTOM and AWS_IAM");
                }
            });
            Optional<Boolean> apiKey = Fields.bool(in, "ApiKeyRequired");
            if (apiKey.orElse(false)) {
                throw Errors.badRequest("API keys are not supported for HTTP APIs");
            }
            return new Changes(Fields.string(in, "Target", 1, 128), type, Fields.string(in, "AuthorizerId"),
                    Fields.strings(in, "AuthorizationScopes"), Fields.string(in, "OperationName", 1, 64), apiKey);
        }

        void apply(ObjectNode route) {
            target.ifPresent(v -> route.put("Target", v));
            authorizationType.ifPresent(v -> route.put("AuthorizationType", v));
            authorizerId.ifPresent(v -> route.put("AuthorizerId", v));
            scopes.ifPresent(v -> route.set("AuthorizationScopes", Docs.strings(v)));
            operationName.ifPresent(v -> route.put("OperationName", v));
            apiKey.ifPresent(v -> route.put("ApiKeyRequired", v));
        }
    }
}
