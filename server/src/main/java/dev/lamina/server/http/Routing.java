package dev.lamina.server.http;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which protocol, and so which service, a request is for, decided in DESIGN.md's order: an
 * {@code X-Amz-Target} on {@code POST /} (the JSON protocols), then the SigV4 credential scope's
 * service name (a query-protocol service such as {@code sqs}), then an {@code Action} (an unsigned or
 * otherwise unclaimed query-protocol request), and finally the path (Lambda's REST API and Lamina's
 * own routes). Only the request head is read: the decision costs no body.
 */
final class Routing {
    /** Signing names of the APIs the path routes: a form posted to Lambda is Lambda's to refuse. */
    static final java.util.Set<String> REST_SCOPES = java.util.Set.of("lambda");

    private Routing() {
    }

    /** The decision. {@code Query.signingName} is empty when no scope names a query service. */
    sealed interface Decision {
    }

    record Json(String target) implements Decision {
    }

    record Query(Optional<String> signingName) implements Decision {
    }

    record Rest() implements Decision {
    }

    static Decision decide(String method, String path, String rawQuery, Function<String, Optional<String>> header,
                           QueryProtocol query) {
        Optional<String> target = header.apply("X-Amz-Target");
        if (target.isPresent() && method.equals("POST") && path.equals("/")) {
            return new Json(target.get());
        }
        Optional<String> scope = scopeService(header.apply("Authorization"), rawQuery);
        boolean normal = ApiHandler.isNormal(path);
        if (scope.isPresent() && query.serves(scope.get())) {
            return normal ? new Query(scope) : new Rest();
        }
        if (scope.filter(REST_SCOPES::contains).isPresent()) {
            return new Rest();
        }
        boolean form = method.equals("POST") && header.apply("Content-Type")
                .filter(t -> t.strip().toLowerCase(Locale.ROOT).startsWith(QueryProtocol.FORM)).isPresent();
        if (normal && (form || hasAction(rawQuery))) {
            return new Query(Optional.empty());
        }
        return new Rest();
    }

    /**
     * The service of a SigV4 credential scope ({@code <key>/<date>/<region>/<service>/aws4_request}),
     * from the Authorization header or a presigned request's {@code X-Amz-Credential}; empty when
     * there is none or it has no such shape. Only routing reads it: the service's verifier checks it.
     */
    static Optional<String> scopeService(Optional<String> authorization, String rawQuery) {
        Optional<String> credential = authorization.flatMap(a -> {
            int at = a.indexOf("Credential=");
            if (at < 0) {
                return Optional.empty();
            }
            int end = a.indexOf(',', at);
            return Optional.of(a.substring(at + "Credential=".length(), end < 0 ? a.length() : end).strip());
        });
        if (credential.isEmpty()) {
            credential = param(rawQuery, "X-Amz-Credential").map(v -> v.replace("%2F", "/").replace("%2f", "/"));
        }
        return credential.flatMap(c -> {
            String[] parts = c.split("/", -1);
            return parts.length == 5 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
        });
    }

    private static boolean hasAction(String rawQuery) {
        return param(rawQuery, "Action").isPresent();
    }

    /** A raw (still encoded) query parameter's value. */
    private static Optional<String> param(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Optional.of(pair.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }
}
