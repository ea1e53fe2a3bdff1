package dev.lamina.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of a rest-json service, from its model's {@code http.method} and {@code http.requestUri}:
 * literal segments, labels {@code {name}} (one segment, percent-decoded) and greedy labels
 * {@code {name+}} (the rest of the path), and literal query parts ({@code /restapis?mode=import}) that
 * the request must carry. Among routes that fit, the one with more literal segments wins, then the
 * one that requires a query part (ImportRestApi over CreateRestApi).
 */
final class RestRoutes {

    /** A matched operation with its decoded labels, by the name the URI gives them. */
    record Match(String operation, Map<String, String> labels) {
    }

    private record Segment(String text, boolean label, boolean greedy) {
    }

    private record Compiled(String operation, String method, List<Segment> segments, Map<String, String> query,
                            int literals) {
    }

    private final List<Compiled> routes;

    RestRoutes(ServiceModel model) {
        List<Compiled> all = new ArrayList<>();
        for (String name : model.operations()) {
            ServiceModel.Http http = model.http(name);
            all.add(compile(name, http.method(), http.requestUri()));
        }
        all.sort(Comparator.comparingInt((Compiled c) -> -c.literals()).thenComparingInt(c -> -c.query().size()));
        this.routes = List.copyOf(all);
    }

    private static Compiled compile(String operation, String method, String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String part : uri.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                query.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
            }
        }
        List<Segment> segments = new ArrayList<>();
        int literals = 0;
        for (String s : split(path)) {
            if (s.startsWith("{") && s.endsWith("}")) {
                boolean greedy = s.endsWith("+}");
                segments.add(new Segment(s.substring(1, s.length() - (greedy ? 2 : 1)), true, greedy));
            } else {
                segments.add(new Segment(s, false, false));
                literals++;
            }
        }
        return new Compiled(operation, method, segments, query, literals);
    }

    /** The path's segments without the leading slash; one trailing slash is ignored. */
    private static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
    }

    /** The operation for a request, if one fits its method, raw path and query parameters. */
    Optional<Match> match(String method, String rawPath, Map<String, List<String>> query) {
        List<String> segments = split(rawPath);
        for (Compiled c : routes) {
            if (!c.method().equals(method) || !queryFits(c.query(), query)) {
                continue;
            }
            Map<String, String> labels = labels(c.segments(), segments);
            if (labels != null) {
                return Optional.of(new Match(c.operation(), labels));
            }
        }
        return Optional.empty();
    }

    private static boolean queryFits(Map<String, String> required, Map<String, List<String>> query) {
        for (Map.Entry<String, String> e : required.entrySet()) {
            if (!query.getOrDefault(e.getKey(), List.of()).contains(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The literal query parts of an operation's URI, which are no member's values. */
    Map<String, String> literalQuery(String operation) {
        return routes.stream().filter(c -> c.operation().equals(operation)).findFirst()
                .map(Compiled::query).orElse(Map.of());
    }

    private static Map<String, String> labels(List<Segment> template, List<String> path) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            Segment t = template.get(i);
            if (t.greedy()) {
                if (i >= path.size()) {
                    return null;
                }
                String rest = String.join("/", path.subList(i, path.size()));
                String decoded = decode(rest);
                if (decoded == null || decoded.isEmpty()) {
                    return null;
                }
                labels.put(t.text(), decoded);
                return labels;
            }
            if (i >= path.size()) {
                return null;
            }
            String decoded = decode(path.get(i));
            if (decoded == null) {
                return null;
            }
            if (t.label()) {
                if (decoded.isEmpty()) {
                    return null;
                }
                labels.put(t.text(), decoded);
            } else if (!t.text().equals(decoded)) {
                return null;
            }
        }
        return template.size() == path.size() ? labels : null;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A raw query string's parameters, decoded, every value of a repeated name in order. */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = decodeQuery(eq < 0 ? "" : pair.substring(eq + 1));
            if (name != null && value != null) {
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return out;
    }

    private static String decodeQuery(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
