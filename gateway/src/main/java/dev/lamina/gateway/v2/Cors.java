package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An API's CorsConfiguration: its validation, as CreateApi and UpdateApi check it. */
final class Cors {
    private Cors() {
    }

    /** The configuration to store, checked; the members are the model's. */
    static ObjectNode checked(ObjectNode in) {
        ObjectNode out = Docs.object();
        Fields.bool(in, "AllowCredentials").ifPresent(v -> out.put("AllowCredentials", v));
        for (String list : List.of("AllowHeaders", "AllowMethods", "AllowOrigins", "ExposeHeaders")) {
            Fields.strings(in, list).ifPresent(v -> out.set(list, Docs.strings(v)));
        }
        Fields.integer(in, "MaxAge", -1, 86400).ifPresent(v -> out.put("MaxAge", v));
        for (JsonNode m : out.path("AllowMethods")) {
            String method = m.asText().toUpperCase(Locale.ROOT);
            if (!method.equals("*") && !RouteKey.METHODS.contains(method) || method.equals("ANY")) {
                throw Errors.badRequest("Invalid method in CORS AllowMethods: " + m.asText());
            }
        }
        boolean anyOrigin = false;
        for (JsonNode o : out.path("AllowOrigins")) {
            anyOrigin |= o.asText().equals("*");
        }
        if (anyOrigin && out.path("AllowCredentials").asBoolean(false)) {
            throw Errors.badRequest("allow-credentials is not supported with allow-origins set to *."
                    + " Specify the allowed origins explicitly.");
        }
        return out;
    }

    static Optional<ObjectNode> of(ObjectNode api) {
        JsonNode c = api.get("CorsConfiguration");
        return c instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    }
}
