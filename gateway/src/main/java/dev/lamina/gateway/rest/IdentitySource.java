package dev.lamina.gateway.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * A Lambda authorizer's identitySource: comma-separated request values
 * ({@code method.request.header.Authorization}, {@code method.request.querystring.token},
 * {@code stageVariables.v}, {@code context.x}); a request that lacks any of them is answered 401
 * without calling the authorizer.
 */
final class IdentitySource {
    private IdentitySource() {
    }

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    static boolean valid(String source) {
        return source.matches("method\\.request\\.(header|querystring|multivalueheader|multivaluequerystring|path)\\..+")
                || source.matches("(stageVariables|context)\\..+");
    }
}
