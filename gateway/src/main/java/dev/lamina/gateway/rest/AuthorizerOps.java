package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CreateAuthorizer, GetAuthorizer(s), UpdateAuthorizer, DeleteAuthorizer. Lamina runs Lambda
 * authorizers (TOKEN and REQUEST); COGNITO_USER_POOLS authorizers are stored and deny every request.
 */
final class AuthorizerOps {
    private static final Set<String> TYPES = Set.of("TOKEN", "REQUEST", "COGNITO_USER_POOLS");
    private final Ops ops;

    AuthorizerOps(Ops ops) {
        this.ops = ops;
    }

    JsonNode create(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        ObjectNode a = Docs.JSON.createObjectNode();
        String id = Ids.next();
        a.put("id", id);
        a.put("name", Input.required(in, "name"));
        String type = Input.required(in, "type").toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw Errors.badRequest("Invalid authorizer type specified. Valid options are TOKEN, REQUEST,"
                    + " COGNITO_USER_POOLS");
        }
        a.put("type", type);
        if (in.path("providerARNs").isArray() && !in.get("providerARNs").isEmpty()) {
            a.set("providerARNs", in.get("providerARNs"));
        }
        Input.text(in, "authType").ifPresent(v -> a.put("authType", v));
        Input.text(in, "authorizerUri").ifPresent(v -> a.put("authorizerUri", v));
        Input.text(in, "authorizerCredentials").ifPresent(v -> a.put("authorizerCredentials", v));
        Input.text(in, "identitySource").ifPresent(v -> a.put("identitySource", v));
        Input.text(in, "identityValidationExpression").ifPresent(v -> a.put("identityValidationExpression", v));
        a.put("authorizerResultTtlInSeconds", Input.integer(in, "authorizerResultTtlInSeconds").orElse(300));
        check(a);
        ops.store().write(tx -> {
            Docs.api(tx, ops.account(), apiId);
            Docs.putPart(tx, apiId, Docs.AUTHORIZER, id, a, Instant.ofEpochMilli(ops.clock().millis()));
            return null;
        });
        return a;
    }

    /** The rules a whole authorizer keeps, checked after a create or an update. */
    private static void check(ObjectNode a) {
        String type = a.get("type").asText();
        int ttl = a.get("authorizerResultTtlInSeconds").asInt();
        if (ttl < 0 || ttl > 3600) {
            throw Errors.badRequest("Invalid authorizer result TTL specified. Must be between 0 and 3600 seconds");
        }
        if (type.equals("COGNITO_USER_POOLS")) {
            if (!a.has("providerARNs")) {
                throw Errors.badRequest("Invalid provider ARNs specified: must contain at least one Cognito user pool");
            }
            return;
        }
        String uri = a.path("authorizerUri").asText("");
        if (LambdaUri.function(uri).isEmpty()) {
            throw Errors.badRequest("Invalid Authorizer URI specified: " + uri);
        }
        List<String> sources = IdentitySource.parse(a.path("identitySource").asText(""));
        if (type.equals("TOKEN") && (sources.size() != 1 || !sources.getFirst().startsWith("method.request.header."))) {
            throw Errors.badRequest("Invalid identity source specified. For a TOKEN authorizer it must be one"
                    + " method.request.header.<name>");
        }
        for (String s : sources) {
            if (!IdentitySource.valid(s)) {
                throw Errors.badRequest("Invalid identity source specified: " + s);
            }
        }
        if (type.equals("REQUEST") && sources.isEmpty() && ttl > 0) {
            throw Errors.badRequest("Identity source must be specified when caching is enabled");
        }
        if (a.has("identityValidationExpression")) {
            try {
                java.util.regex.Pattern.compile(a.get("identityValidationExpression").asText());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw Errors.badRequest("Invalid identity validation expression specified");
            }
        }
    }

    JsonNode get(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String id = Input.required(in, "authorizerId");
        return ops.store().read(tx -> {
            Docs.api(tx, ops.account(), apiId);
            return find(tx, apiId, id);
        });
    }

    private static ObjectNode find(dev.lamina.store.Transaction tx, String apiId, String id) {
        return Docs.part(tx, apiId, Docs.AUTHORIZER, id)
                .orElseThrow(() -> Errors.notFound("Invalid Authorizer identifier specified"));
    }

    JsonNode list(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        int limit = Input.limit(in);
        List<ObjectNode> all = ops.store().read(tx -> {
            Docs.api(tx, ops.account(), apiId);
            return Docs.parts(tx, apiId, Docs.AUTHORIZER);
        });
        Docs.Page<ObjectNode> page = Docs.page(all, a -> a.get("id").asText(), Input.text(in, "position"), limit);
        ObjectNode out = Docs.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        page.items().forEach(items::add);
        page.position().ifPresent(p -> out.put("position", p));
        return out;
    }

    JsonNode update(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String id = Input.required(in, "authorizerId");
        List<Patch> patches = Patch.list(in);
        Map<String, String> members = Map.of("/name", "name", "/authorizerUri", "authorizerUri",
                "/identitySource", "identitySource", "/identityValidationExpression", "identityValidationExpression",
                "/authorizerCredentials", "authorizerCredentials", "/authType", "authType");
        return ops.store().write(tx -> {
            Docs.api(tx, ops.account(), apiId);
            ObjectNode a = find(tx, apiId, id);
            for (Patch p : patches) {
                p.expect("replace");
                if (p.path().equals("/authorizerResultTtlInSeconds")) {
                    String v = p.value().orElse("");
                    if (!v.matches("\\d{1,4}")) {
                        throw Errors.badRequest("Invalid authorizer result TTL specified. Must be between 0 and 3600"
                                + " seconds");
                    }
                    a.put("authorizerResultTtlInSeconds", Integer.parseInt(v));
                } else if (members.containsKey(p.path())) {
                    String member = members.get(p.path());
                    p.value().ifPresentOrElse(v -> a.put(member, v), () -> a.remove(member));
                } else {
                    throw p.invalidPath();
                }
            }
            check(a);
            Docs.putPart(tx, apiId, Docs.AUTHORIZER, id, a, Instant.EPOCH);
            return a;
        });
    }

    JsonNode delete(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String id = Input.required(in, "authorizerId");
        ops.store().write(tx -> {
            Docs.api(tx, ops.account(), apiId);
            ObjectNode a = find(tx, apiId, id);
            for (ObjectNode r : Docs.parts(tx, apiId, Docs.RESOURCE)) {
                for (var it = r.path("resourceMethods").fields(); it.hasNext(); ) {
                    var m = it.next();
                    if (m.getValue().path("authorizerId").asText().equals(id)) {
                        throw Errors.conflict("Cannot delete authorizer '" + a.get("name").asText()
                                + "', is referenced in method: " + m.getKey() + ":" + r.get("path").asText());
                    }
                }
            }
            tx.restApis().deletePart(apiId, Docs.AUTHORIZER, id);
            return null;
        });
        return Docs.JSON.createObjectNode();
    }
}
