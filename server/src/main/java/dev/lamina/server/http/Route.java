package dev.lamina.server.http;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A method and a path template such as {@code /2015-03-31/functions/{FunctionName}/aliases/{Name}},
 * bound to an operation. Placeholders match one path segment each, percent-decoded, so a full ARN
 * (with its colons encoded) fits in one. A template may end in {@code ?name=value}: then the request
 * must carry that query parameter, which is how the model tells apart operations sharing a path
 * (GetLayerVersionByArn and ListLayers, for example).
 *
 * @param name          AWS's operation name, for logs and errors
 * @param maxBodyBytes  the largest request body the operation accepts; larger ones are refused unread
 * @param tooLarge      the error for a larger body (most operations: RequestEntityTooLargeException)
 */
public record Route(String method, String template, String name, long maxBodyBytes, Operation operation,
                    LambdaException tooLarge) {

    public Route {
        Objects.requireNonNull(method);
        Objects.requireNonNull(template);
        Objects.requireNonNull(name);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(tooLarge);
    }

    public Route(String method, String template, String name, long maxBodyBytes, Operation operation) {
        this(method, template, name, maxBodyBytes, operation, new LambdaException(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                "Request must be smaller than " + maxBodyBytes + " bytes for the " + name + " operation"));
    }

    /** The template's path segments, placeholders included, without the leading slash. */
    List<String> templateSegments() {
        return List.of(pathTemplate().substring(1).split("/", -1));
    }

    private String pathTemplate() {
        int q = template.indexOf('?');
        return withoutTrailingSlash(q < 0 ? template : template.substring(0, q));
    }

    // Models and SDK versions differ on a trailing slash (ListFunctions is "/2015-03-31/functions/"
    // in older botocore), so one is ignored on both sides.
    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The query parameter the template requires, as {@code name=value}, if any. */
    Optional<String> requiredQuery() {
        int q = template.indexOf('?');
        return q < 0 ? Optional.empty() : Optional.of(template.substring(q + 1));
    }

    /** Whether the template requires a query parameter that {@code query} has. */
    boolean queryMatches(Map<String, List<String>> query) {
        return requiredQuery().map(required -> {
            String[] kv = required.split("=", 2);
            List<String> values = query.getOrDefault(kv[0], List.of());
            return kv.length == 1 ? !values.isEmpty() : values.contains(kv[1]);
        }).orElse(true);
    }

    /**
     * The percent-decoded segments of a raw request path (a segment that does not decode is null),
     * or null when the path does not start with a slash. Done once per request, for every route.
     */
    static String[] requestSegments(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        String[] parts = withoutTrailingSlash(path).substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = decode(parts[i]);
        }
        return parts;
    }

    /** The path parameters if the request's decoded segments fit {@code template} (this route's segments). */
    static Optional<Map<String, String>> match(String[] segments, List<String> template) {
        if (segments.length != template.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String want = template.get(i);
            String decoded = segments[i];
            if (want.startsWith("{") && want.endsWith("}")) {
                if (decoded == null || decoded.isEmpty()) {
                    return Optional.empty();
                }
                params.put(want.substring(1, want.length() - 1), decoded);
            } else if (!want.equals(decoded)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static String decode(String segment) {
        try {
            // Path segments use %20 for spaces; '+' is literal in a path.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
