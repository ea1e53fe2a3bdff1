package dev.lamina.gateway.v2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTTP API's route key: {@code $default}, or a method ({@code ANY} for all) and a path template
 * whose segments are literals, {@code {name}} variables, or a last {@code {name+}} greedy variable.
 */
record RouteKey(String text, Optional<String> method, List<Segment> segments) {
    static final String DEFAULT = "$default";
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9._-]+)(\\+?)}");
    private static final Pattern LITERAL = Pattern.compile("[^{}\\s]+");

    enum Kind { LITERAL, VARIABLE, GREEDY }

    record Segment(Kind kind, String value) {
    }

    RouteKey {
        segments = List.copyOf(segments);
    }

    boolean isDefault() {
        return method.isEmpty();
    }

    /** The path part of a key ({@code /items/{id}}); empty for {@code $default}. */
    String path() {
        return isDefault() ? "" : text.substring(text.indexOf(' ') + 1);
    }

    /** Parses and checks a route key, as CreateRoute and quick create do. */
    static RouteKey parse(String text) {
        if (text.equals(DEFAULT)) {
            return new RouteKey(text, Optional.empty(), List.of());
        }
        int space = text.indexOf(' ');
        if (space < 0 || !METHODS.contains(text.substring(0, space))) {
            throw invalid(text);
        }
        String path = text.substring(space + 1);
        if (!path.startsWith("/") || path.length() > 1 && path.endsWith("/") || path.contains("//")) {
            throw invalid(text);
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] parts = path.length() == 1 ? new String[0] : path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            var v = VARIABLE.matcher(p);
            if (v.matches()) {
                boolean greedy = !v.group(2).isEmpty();
                if (greedy && i != parts.length - 1 || !names.add(v.group(1))) {
                    throw invalid(text);
                }
                segments.add(new Segment(greedy ? Kind.GREEDY : Kind.VARIABLE, v.group(1)));
            } else if (LITERAL.matcher(p).matches()) {
                segments.add(new Segment(Kind.LITERAL, p));
            } else {
                throw invalid(text);
            }
        }
        return new RouteKey(text, Optional.of(text.substring(0, space)), segments);
    }

    private static RuntimeException invalid(String text) {
        return Errors.badRequest("Invalid route key: " + text + ". A route key is $default, or an HTTP method"
                + " (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY), a space and a path such as /items/{id}"
                + " or /{proxy+}.");
    }
}
