package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebRequest.Header;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CORS as an HTTP API with a CorsConfiguration answers it: API Gateway itself answers preflight
 * requests (whatever the routes), and on other requests from an allowed origin sets the CORS
 * headers in place of any the function returned.
 */
final class CorsHeaders {
    private CorsHeaders() {
    }

    static boolean isPreflight(WebRequest r) {
        return r.method().equals("OPTIONS") && r.header("Origin").isPresent()
                && r.header("Access-Control-Request-Method").isPresent();
    }

    /** The headers of the 204 answer to a preflight; none when the origin is not allowed. */
    static List<Header> preflight(ObjectNode cors, WebRequest r) {
        List<Header> h = new ArrayList<>();
        Optional<String> origin = allowedOrigin(cors, r);
        if (origin.isEmpty()) {
            return h;
        }
        String method = r.header("Access-Control-Request-Method").orElse("").toUpperCase(Locale.ROOT);
        List<String> methods = list(cors, "AllowMethods");
        if (!methods.contains("*") && methods.stream().noneMatch(m -> m.equalsIgnoreCase(method))) {
            return h;
        }
        h.add(new Header("Access-Control-Allow-Origin", origin.get()));
        if (cors.path("AllowCredentials").asBoolean(false)) {
            h.add(new Header("Access-Control-Allow-Credentials", "true"));
        }
        h.add(new Header("Access-Control-Allow-Methods", String.join(",", methods)));
        List<String> headers = list(cors, "AllowHeaders");
        if (headers.contains("*")) {
            r.header("Access-Control-Request-Headers").ifPresent(v -> h.add(new Header("Access-Control-Allow-Headers", v)));
        } else if (!headers.isEmpty()) {
            h.add(new Header("Access-Control-Allow-Headers", String.join(",", headers).toLowerCase(Locale.ROOT)));
        }
        JsonNode maxAge = cors.get("MaxAge");
        if (maxAge != null && maxAge.asInt() >= 0) {
            h.add(new Header("Access-Control-Max-Age", maxAge.asText()));
        }
        return h;
    }

    /** The CORS headers of an answer to an actual request (not a preflight). */
    static List<Header> actual(ObjectNode cors, WebRequest r) {
        List<Header> h = new ArrayList<>();
        allowedOrigin(cors, r).ifPresent(origin -> {
            h.add(new Header("Access-Control-Allow-Origin", origin));
            if (cors.path("AllowCredentials").asBoolean(false)) {
                h.add(new Header("Access-Control-Allow-Credentials", "true"));
            }
            List<String> expose = list(cors, "ExposeHeaders");
            if (!expose.isEmpty()) {
                h.add(new Header("Access-Control-Expose-Headers", String.join(",", expose).toLowerCase(Locale.ROOT)));
            }
        });
        return h;
    }

    static boolean isCorsHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
    }

    /** {@code *} when every origin is allowed (and credentials are not), else the request's origin if listed. */
    private static Optional<String> allowedOrigin(ObjectNode cors, WebRequest r) {
        Optional<String> origin = r.header("Origin");
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        List<String> origins = list(cors, "AllowOrigins");
        if (origins.contains("*")) {
            return Optional.of("*");
        }
        return origins.stream().filter(o -> o.equalsIgnoreCase(origin.get())).findFirst().map(o -> origin.get());
    }

    private static List<String> list(ObjectNode cors, String member) {
        List<String> out = new ArrayList<>();
        cors.path(member).forEach(n -> out.add(n.asText()));
        return out;
    }
}
