package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An HTTP API's JWT authorizer: the token from the identity source (a {@code Bearer } prefix is
 * dropped) must verify ({@link JwtVerifier}) against the issuer's keys ({@link Jwks}), else 401
 * {@code Unauthorized}; when the route names AuthorizationScopes, the token's {@code scope} (or
 * {@code scp}) must hold one of them, else 403 {@code Forbidden}. The event carries the claims and
 * scopes in {@code requestContext.authorizer.jwt}.
 */
final class JwtAuthorizer {
    private final Jwks jwks;
    private final Clock clock;

    JwtAuthorizer(Jwks jwks, Clock clock) {
        this.jwks = jwks;
        this.clock = clock;
    }

    Authorization authorize(ObjectNode authorizer, ObjectNode route, Payloads.Routed routed) {
        String source = authorizer.path("IdentitySource").path(0).asText("$request.header.Authorization");
        Optional<String> raw = IdentitySources.value(source, routed).map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return new Authorization.Denied(Replies.UNAUTHORIZED.with("www-authenticate", "Bearer"));
        }
        String token = raw.get();
        if (token.length() > 7 && token.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            token = token.substring(7).strip();
        }
        String issuer = authorizer.path("JwtConfiguration").path("Issuer").asText();
        List<String> audiences = new ArrayList<>();
        authorizer.path("JwtConfiguration").path("Audience").forEach(a -> audiences.add(a.asText()));
        JwtVerifier.Token jwt;
        try {
            jwt = JwtVerifier.decode(token);
            Optional<PublicKey> key = jwks.key(issuer, jwt.kid());
            if (key.isEmpty()) {
                throw new JwtVerifier.Rejected("the token's signing key is not one of the issuer's keys");
            }
            JwtVerifier.verifySignature(jwt, key.get());
            JwtVerifier.checkClaims(jwt.claims(), issuer, audiences, clock.instant());
        } catch (JwtVerifier.Rejected e) {
            return new Authorization.Denied(Replies.UNAUTHORIZED.with("www-authenticate",
                    "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + e.getMessage() + "\""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Authorization.Denied(Replies.INTERNAL);
        }
        Set<String> scopes = scopes(jwt.claims());
        List<String> wanted = new ArrayList<>();
        route.path("AuthorizationScopes").forEach(s -> wanted.add(s.asText()));
        if (!wanted.isEmpty() && wanted.stream().noneMatch(scopes::contains)) {
            String expected = String.join(" ", wanted);
            return new Authorization.Denied(Replies.FORBIDDEN.with("www-authenticate", "Bearer scope=\"" + expected
                    + "\" error=\"insufficient_scope\" error_description=\"expected scopes: [" + expected + "]\""));
        }
        ObjectNode jwtNode = Docs.object();
        ObjectNode claims = jwtNode.putObject("claims");
        jwt.claims().properties().forEach(e -> claims.put(e.getKey(), claimText(e.getValue())));
        if (jwt.claims().has("scope") || jwt.claims().has("scp")) {
            scopes.forEach(jwtNode.putArray("scopes")::add);
        } else {
            jwtNode.putNull("scopes");
        }
        ObjectNode v2 = Docs.object();
        v2.set("jwt", jwtNode);
        return new Authorization.Allowed(Optional.of(v2), Optional.of(jwtNode.deepCopy()));
    }

    /** The token's scopes: {@code scope} (space-separated) or {@code scp} (a list or a string). */
    static Set<String> scopes(ObjectNode claims) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : List.of("scope", "scp")) {
            JsonNode v = claims.get(name);
            if (v == null) {
                continue;
            }
            if (v.isArray()) {
                v.forEach(s -> out.add(s.asText()));
            } else {
                for (String s : v.asText().split(" ")) {
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** A claim as the event shows it: strings as they are, lists as {@code [a b]}, anything else as JSON. */
    static String claimText(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.isTextual() ? x.asText() : x.toString()));
            return "[" + String.join(" ", parts) + "]";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
