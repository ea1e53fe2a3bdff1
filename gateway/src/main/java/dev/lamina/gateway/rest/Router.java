package dev.lamina.gateway.rest;

import dev.lamina.gateway.payload.V1Event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the deployed resource a request path names: at each level a literal path part beats a
 * path parameter, which beats a greedy {@code {proxy+}} (which takes one or more segments); a
 * branch that leads nowhere gives way to the next kind. Parameters are percent-decoded.
 */
final class Router {
    private Router() {
    }

    record Match(Deployed.Resource resource, Map<String, String> pathParameters) {
    }

    /** {@code path} is the request's raw path after the stage ({@code /items/7}, or empty for the root). */
    static Optional<Match> match(Deployed.Resource root, String path) {
        List<String> segments = segments(path);
        Map<String, String> params = new LinkedHashMap<>();
        Deployed.Resource found = walk(root, segments, 0, params);
        return found == null ? Optional.empty() : Optional.of(new Match(found, params));
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return out;
        }
        for (String s : p.split("/", -1)) {
            out.add(s);
        }
        return out;
    }

    private static Deployed.Resource walk(Deployed.Resource at, List<String> segments, int i,
                                          Map<String, String> params) {
        if (i == segments.size()) {
            return at;
        }
        String raw = segments.get(i);
        String segment = V1Event.decode(raw, false);
        for (Deployed.Resource child : at.children()) {
            if (!child.variable() && child.pathPart().equals(segment)) {
                Deployed.Resource found = walk(child, segments, i + 1, params);
                if (found != null) {
                    return found;
                }
            }
        }
        for (Deployed.Resource child : at.children()) {
            if (child.variable() && !child.greedy() && !segment.isEmpty()) {
                params.put(child.parameter(), segment);
                Deployed.Resource found = walk(child, segments, i + 1, params);
                if (found != null) {
                    return found;
                }
                params.remove(child.parameter());
            }
        }
        for (Deployed.Resource child : at.children()) {
            if (child.greedy()) {
                params.put(child.parameter(), V1Event.decode(String.join("/", segments.subList(i, segments.size())), false));
                return child;
            }
        }
        return null;
    }
}
