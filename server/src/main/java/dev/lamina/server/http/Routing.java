package dev.lamina.server.http;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which protocol, and so which service, a request is for. Front-door requests come first
 * ({@link FrontDoor}): a Host {@code <url-id>.lambda-url.<region>.localhost} or
 * {@code <api-id>.execute-api[.<region>].localhost}, or a path {@code /_aws/lambda-url/<url-id>/…} or
 * {@code /_aws/execute-api/<api-id>/…} on any host. They must be decided before anything else
 * because a function URL with AuthType AWS_IAM is signed with the scope {@code lambda} (and an
 * IAM-authorized API with {@code execute-api}): read by its scope, such a request would reach
 * Lambda's REST API, which would run whatever Lambda operation its path happens to spell, with the
 * caller's credentials. Then DESIGN.md's order: an {@code X-Amz-Target} on {@code POST /} (the JSON
 * protocols), then the SigV4 credential scope's service name (a query-protocol service such as
 * {@code sqs}; {@code apigateway}, API Gateway's control planes, and {@code scheduler}, both in rest-json), then an
 * {@code Action} (an unsigned or otherwise unclaimed query-protocol request), and finally the path
 * (Lambda's REST API and Lamina's own routes). Only the request head is read: the decision costs no body.
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

    /** API Gateway's control planes (v1 and v2 both sign as {@code apigateway}): the rest-json codec. */
    record ApiGateway() implements Decision {
    }

    /** EventBridge Scheduler (signed as {@code scheduler}): the rest-json codec, with Scheduler's model. */
    record Scheduler() implements Decision {
    }

    /**
     * A front door's request.
     *
     * @param frontId the function URL's id or the API's id
     * @param rawPath what follows the front's address, still encoded, starting with {@code /}
     */
    record FrontDoor(Front front, String frontId, String rawPath) implements Decision {
    }

    enum Front { FUNCTION_URL, EXECUTE_API }

    /** The signing name of API Gateway's management APIs, REST (v1) and HTTP (v2) alike. */
    static final String API_GATEWAY_SCOPE = "apigateway";
    /** The signing name of EventBridge Scheduler. */
    static final String SCHEDULER_SCOPE = "scheduler";

    static Decision decide(String method, String path, String rawQuery, Function<String, Optional<String>> header,
                           QueryProtocol query) {
        Optional<FrontDoor> front = frontDoor(header.apply("Host").orElse(""), path);
        if (front.isPresent()) {
            return front.get();
        }
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
        if (scope.filter(API_GATEWAY_SCOPE::equals).isPresent()) {
            return new ApiGateway();
        }
        if (scope.filter(SCHEDULER_SCOPE::equals).isPresent()) {
            return new Scheduler();
        }
        boolean form = method.equals("POST") && header.apply("Content-Type")
                .filter(t -> t.strip().toLowerCase(Locale.ROOT).startsWith(QueryProtocol.FORM)).isPresent();
        if (normal && (form || hasAction(rawQuery))) {
            return new Query(Optional.empty());
        }
        return new Rest();
    }

    private static final Pattern URL_HOST = Pattern.compile("([a-z0-9]{1,64})\\.lambda-url\\.[a-z0-9-]{1,32}\\.localhost");
    private static final Pattern API_HOST =
            Pattern.compile("([a-z0-9]{1,64})\\.execute-api\\.(?:[a-z0-9-]{1,32}\\.)?localhost");
    static final String URL_PATH = "/_aws/lambda-url/";
    static final String API_PATH = "/_aws/execute-api/";

    /**
     * The front door a request is for, by its Host (case-insensitive, any port), else by a
     * {@code /_aws/…} path on any host; empty for every other request. A front door's path is the
     * function's or the API's to judge, so it is taken as sent (dot segments included).
     */
    static Optional<FrontDoor> frontDoor(String host, String path) {
        Optional<FrontDoor> byHost = frontOfHost(host).map(f -> new FrontDoor(f.front(), f.frontId(),
                path.isEmpty() ? "/" : path));
        if (byHost.isPresent()) {
            return byHost;
        }
        if (path.startsWith(URL_PATH)) {
            return byPath(Front.FUNCTION_URL, path.substring(URL_PATH.length()));
        }
        if (path.startsWith(API_PATH)) {
            return byPath(Front.EXECUTE_API, path.substring(API_PATH.length()));
        }
        return Optional.empty();
    }

    /** The front and id a Host header names (rawPath left empty), if it is a front door's host. */
    static Optional<FrontDoor> frontOfHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && name.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            name = name.substring(0, colon);
        }
        if (!name.endsWith(".localhost")) {
            return Optional.empty(); // the common case (127.0.0.1:9070, localhost:9070) costs no regex
        }
        Matcher url = URL_HOST.matcher(name);
        if (url.matches()) {
            return Optional.of(new FrontDoor(Front.FUNCTION_URL, url.group(1), ""));
        }
        Matcher api = API_HOST.matcher(name);
        if (api.matches()) {
            return Optional.of(new FrontDoor(Front.EXECUTE_API, api.group(1), ""));
        }
        return Optional.empty();
    }

    private static Optional<FrontDoor> byPath(Front front, String afterPrefix) {
        int slash = afterPrefix.indexOf('/');
        String id = slash < 0 ? afterPrefix : afterPrefix.substring(0, slash);
        if (id.isEmpty() || id.length() > 64 || !id.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            return Optional.empty();
        }
        return Optional.of(new FrontDoor(front, id, slash < 0 ? "/" : afterPrefix.substring(slash)));
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
