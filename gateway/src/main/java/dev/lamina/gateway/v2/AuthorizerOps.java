package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CreateAuthorizer, GetAuthorizer, GetAuthorizers, UpdateAuthorizer, DeleteAuthorizer: JWT
 * authorizers (an issuer's JWKS) and Lambda REQUEST authorizers (payload format 1.0 or 2.0).
 */
final class AuthorizerOps {
    private static final Pattern IDENTITY_SOURCE = Pattern.compile(
            "\\$request\\.(header|querystring)\\.[^\\s,]+|\\$context\\.[A-Za-z0-9_.]+|\\$stageVariables\\.[A-Za-z0-9_]+");

    private final GatewayContext context;

    AuthorizerOps(GatewayContext context) {
        this.context = context;
    }

    ObjectNode create(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String name = Fields.string(in, "Name", 1, 128).orElseThrow(() -> Errors.badRequest("Name is required"));
        String type = Fields.required(in, "AuthorizerType");
        ObjectNode a = Docs.object();
        a.put("AuthorizerId", Ids.shortPart());
        a.put("AuthorizerType", type);
        a.put("Name", name);
        if (type.equals("REQUEST")) {
            a.put("AuthorizerResultTtlInSeconds", 0);
        }
        Changes.of(in, this).apply(a);
        check(a);
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            Docs.api(tx, account(), apiId);
            Docs.putPart(tx, apiId, Kind.AUTHORIZER, a.get("AuthorizerId").asText(), a, now);
            Deployments.autoDeploy(tx, apiId, now);
            return a;
        }));
    }

    ObjectNode get(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "AuthorizerId");
        return Docs.output(context.store().read(tx -> find(tx, apiId, id)));
    }

    ObjectNode list(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        List<ObjectNode> all = context.store().read(tx -> {
            Docs.api(tx, account(), apiId);
            return Docs.parts(tx, apiId, Kind.AUTHORIZER);
        });
        return Docs.page(all, Fields.string(in, "MaxResults"), Fields.string(in, "NextToken"));
    }

    ObjectNode update(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "AuthorizerId");
        Changes changes = Changes.of(in, this);
        Optional<String> name = Fields.string(in, "Name", 1, 128);
        Optional<String> type = Fields.string(in, "AuthorizerType");
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            ObjectNode a = find(tx, apiId, id);
            name.ifPresent(v -> a.put("Name", v));
            type.ifPresent(v -> a.put("AuthorizerType", v));
            changes.apply(a);
            check(a);
            Instant created = tx.httpApis().findPart(apiId, Kind.AUTHORIZER, id).orElseThrow().created();
            Docs.putPart(tx, apiId, Kind.AUTHORIZER, id, a, created);
            Deployments.autoDeploy(tx, apiId, now);
            return a;
        }));
    }

    void delete(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "AuthorizerId");
        context.store().write(tx -> {
            find(tx, apiId, id);
            for (ObjectNode route : Docs.parts(tx, apiId, Kind.ROUTE)) {
                if (route.path("AuthorizerId").asText().equals(id)) {
                    throw Errors.badRequest("Cannot delete authorizer " + id + ": it is used by route "
                            + route.path("RouteKey").asText());
                }
            }
            tx.httpApis().deletePart(apiId, Kind.AUTHORIZER, id);
            Deployments.autoDeploy(tx, apiId, context.clock().instant());
            return null;
        });
    }

    /** The whole authorizer's consistency, after the changes applied (so also on update). */
    private void check(ObjectNode a) {
        String type = a.get("AuthorizerType").asText();
        switch (type) {
            case "JWT" -> {
                if (!a.has("IdentitySource")) {
                    throw Errors.badRequest("IdentitySource is required for JWT authorizers");
                }
                if (a.get("IdentitySource").size() != 1) {
                    throw Errors.badRequest("A JWT authorizer takes exactly one identity source");
                }
                JsonNode jwt = a.get("JwtConfiguration");
                if (jwt == null || !jwt.hasNonNull("Issuer")) {
                    throw Errors.badRequest("JwtConfiguration with an Issuer is required for JWT authorizers");
                }
                try {
                    URI issuer = URI.create(jwt.get("Issuer").asText());
                    if (issuer.getScheme() == null || !issuer.getScheme().startsWith("http") || issuer.getHost() == null) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw Errors.badRequest("Invalid issuer " + jwt.get("Issuer").asText()
                            + ". The issuer must be an https:// (or, on Lamina, http://) URL");
                }
                if (jwt.path("Audience").isEmpty()) {
                    throw Errors.badRequest("JwtConfiguration.Audience needs at least one audience");
                }
                if (a.has("AuthorizerUri")) {
                    throw Errors.badRequest("AuthorizerUri is for REQUEST authorizers only");
                }
            }
            case "REQUEST" -> {
                if (!a.hasNonNull("AuthorizerUri")) {
                    throw Errors.badRequest("AuthorizerUri is required for REQUEST authorizers");
                }
                String format = a.path("AuthorizerPayloadFormatVersion").asText("");
                if (!format.equals("1.0") && !format.equals("2.0")) {
                    throw Errors.badRequest("AuthorizerPayloadFormatVersion is required for REQUEST authorizers"
                            + " of HTTP APIs: 1.0 or 2.0");
                }
                if (a.path("EnableSimpleResponses").asBoolean(false) && !format.equals("2.0")) {
                    throw Errors.badRequest("Simple responses are supported only with payload format version 2.0");
                }
                if (a.has("JwtConfiguration")) {
                    throw Errors.badRequest("JwtConfiguration is for JWT authorizers only");
                }
                if (a.path("AuthorizerResultTtlInSeconds").asInt(0) > 0 && a.path("IdentitySource").isEmpty()) {
                    throw Errors.badRequest("IdentitySource is required when authorizer caching is enabled"
                            + " (AuthorizerResultTtlInSeconds > 0)");
                }
            }
            default -> throw Errors.badRequest("Invalid AuthorizerType: " + type
                    + ". Valid values for HTTP APIs are JWT and REQUEST");
        }
    }

    private ObjectNode find(Transaction tx, String apiId, String id) {
        Docs.api(tx, account(), apiId);
        return Docs.part(tx, apiId, Kind.AUTHORIZER, id).orElseThrow(
                () -> Errors.notFound("Invalid Authorizer identifier specified " + account() + ":" + id));
    }

    private String account() {
        return context.settings().account().toString();
    }

    private record Changes(Optional<List<String>> identitySource, Optional<ObjectNode> jwt, Optional<String> uri,
                           Optional<String> format, Optional<Boolean> simple, Optional<Integer> ttl,
                           Optional<String> credentials) {
        static Changes of(ObjectNode in, AuthorizerOps ops) {
            Optional<List<String>> sources = Fields.strings(in, "IdentitySource");
            sources.ifPresent(list -> list.forEach(s -> {
                if (!IDENTITY_SOURCE.matcher(s).matches()) {
                    throw Errors.badRequest("Invalid identity source: " + s + ". Use $request.header.<name>,"
                            + " $request.querystring.<name>, $context.<variable> or $stageVariables.<name>");
                }
            }));
            Optional<ObjectNode> jwt = Fields.object(in, "JwtConfiguration").map(j -> {
                ObjectNode c = Docs.object();
                Fields.strings(j, "Audience").ifPresent(v -> c.set("Audience", Docs.strings(v)));
                Fields.string(j, "Issuer", 1, 2048).ifPresent(v -> c.put("Issuer", v));
                return c;
            });
            Optional<String> uri = Fields.string(in, "AuthorizerUri", 1, 2048);
            uri.ifPresent(u -> LambdaTarget.parse(u, ops.context.settings()));
            return new Changes(sources, jwt, uri, Fields.string(in, "AuthorizerPayloadFormatVersion"),
                    Fields.bool(in, "EnableSimpleResponses"), Fields.integer(in, "AuthorizerResultTtlInSeconds", 0,
                    3600), Fields.string(in, "AuthorizerCredentialsArn"));
        }

        void apply(ObjectNode a) {
            identitySource.ifPresent(v -> a.set("IdentitySource", Docs.strings(v)));
            jwt.ifPresent(v -> a.set("JwtConfiguration", v));
            uri.ifPresent(v -> a.put("AuthorizerUri", v));
            format.ifPresent(v -> a.put("AuthorizerPayloadFormatVersion", v));
            simple.ifPresent(v -> a.put("EnableSimpleResponses", v));
            ttl.ifPresent(v -> a.put("AuthorizerResultTtlInSeconds", v));
            credentials.ifPresent(v -> a.put("AuthorizerCredentialsArn", v));
        }
    }
}
