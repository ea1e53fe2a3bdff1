package dev.lamina.gateway.v2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Route selection as API Gateway does it for HTTP APIs: the most specific full match of method and
 * path (literal segments beat {@code {variables}}, from the left), then routes with a greedy
 * {@code {proxy+}} variable (a longer literal prefix first), and {@code $default} last. A route with
 * the request's own method beats an {@code ANY} route of the same path.
 *
 * @param <R> what a route leads to
 */
final class RouteTable<R> {
    private record Entry<R>(RouteKey key, R route) {
    }

    /** A selected route and the values of its path variables (percent-decoded). */
    record Match<R>(RouteKey key, R route, Map<String, String> pathParameters) {
    }

    private final List<Entry<R>> entries = new ArrayList<>();
    private Entry<R> fallback;

    void add(RouteKey key, R route) {
        if (key.isDefault()) {
            fallback = new Entry<>(key, route);
        } else {
            entries.add(new Entry<>(key, route));
        }
    }

    /** @param path the request's path after the stage, percent-encoded, starting with {@code /} */
    Optional<Match<R>> select(String method, String path) {
        List<String> segments = segments(path);
        Match<R> best = null;
        int[] bestRank = null;
        for (Entry<R> e : entries) {
            String m = e.key().method().orElseThrow();
            if (!m.equals("ANY") && !m.equals(method)) {
                continue;
            }
            Map<String, String> params = matches(e.key().segments(), segments);
            if (params == null) {
                continue;
            }
            int[] rank = rank(e.key(), m.equals("ANY"));
            if (best == null || COMPARATOR.compare(rank, bestRank) < 0) {
                best = new Match<>(e.key(), e.route(), params);
                bestRank = rank;
            }
        }
        if (best == null && fallback != null) {
            best = new Match<>(fallback.key(), fallback.route(), Map.of());
        }
        return Optional.ofNullable(best);
    }

    private static final Comparator<int[]> COMPARATOR = java.util.Arrays::compare;

    /** Lower is more specific: greedy or not, each segment's kind, then more segments, then ANY last. */
    private static int[] rank(RouteKey key, boolean any) {
        List<RouteKey.Segment> s = key.segments();
        boolean greedy = !s.isEmpty() && s.getLast().kind() == RouteKey.Kind.GREEDY;
        int[] rank = new int[s.size() + 3];
        rank[0] = greedy ? 1 : 0;
        for (int i = 0; i < s.size(); i++) {
            rank[i + 1] = s.get(i).kind().ordinal();
        }
        rank[s.size() + 1] = -s.size();
        rank[s.size() + 2] = any ? 1 : 0;
        return rank;
    }

    private static Map<String, String> matches(List<RouteKey.Segment> template, List<String> path) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            RouteKey.Segment t = template.get(i);
            if (t.kind() == RouteKey.Kind.GREEDY) {
                if (i >= path.size()) {
                    return null;
                }
                List<String> rest = new ArrayList<>();
                for (String p : path.subList(i, path.size())) {
                    rest.add(decode(p));
                }
                params.put(t.value(), String.join("/", rest));
                return params;
            }
            if (i >= path.size()) {
                return null;
            }
            String value = decode(path.get(i));
            if (t.kind() == RouteKey.Kind.LITERAL) {
                if (!t.value().equals(value)) {
                    return null;
                }
            } else {
                if (value.isEmpty()) {
                    return null;
                }
                params.put(t.value(), value);
            }
        }
        return template.size() == path.size() ? params : null;
    }

    private static List<String> segments(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return List.of();
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        return List.of(p.split("/", -1));
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment; // a malformed escape is matched as it was sent
        }
    }
}
