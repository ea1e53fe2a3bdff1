package dev.lamina.server.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the route of a request among a fixed list. */
public final class Router {

    /** The outcome of routing one request. */
    public sealed interface Result {
    }

    public record Matched(Route route, Map<String, String> pathParams) implements Result {
    }

    /** The path names an operation, but not for this method. */
    public record WrongMethod() implements Result {
    }

    public record NoRoute() implements Result {
    }

    /** A route with its template split once, not on every request. */
    private record Compiled(Route route, List<String> segments) {
    }

    private final List<Compiled> routes;

    public Router(List<Route> routes) {
        this.routes = routes.stream().map(r -> new Compiled(r, r.templateSegments())).toList();
    }

    /**
     * Routes by method and path; among routes with the same method and path, one whose required
     * query parameter is present wins over one that requires none.
     */
    public Result route(String method, String path, Map<String, List<String>> query) {
        String[] segments = Route.requestSegments(path);
        if (segments == null) {
            return new NoRoute();
        }
        boolean pathKnown = false;
        Matched fallback = null;
        for (Compiled c : routes) {
            Route r = c.route();
            Optional<Map<String, String>> params = Route.match(segments, c.segments());
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (!r.method().equals(method) || !r.queryMatches(query)) {
                continue;
            }
            if (r.requiredQuery().isPresent()) {
                return new Matched(r, params.get());
            }
            if (fallback == null) {
                fallback = new Matched(r, params.get());
            }
        }
        if (fallback != null) {
            return fallback;
        }
        return pathKnown ? new WrongMethod() : new NoRoute();
    }
}
