package dev.lamina.gateway.url;

import dev.lamina.control.FunctionUrlConfig.Cors;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebRequest.Header;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A function URL's CORS, applied by Lamina as Lambda applies it: a preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered without invoking the function
 * or checking its authorization, and every other answer to an allowed origin carries
 * {@code Access-Control-Allow-Origin} (and {@code -Allow-Credentials}, {@code -Expose-Headers}).
 * The configuration's CORS headers replace any the function set.
 *
 * <p>Origins, methods and headers match case-insensitively, or through {@code *}.
 */
final class UrlCors {
    private final Cors cors;

    UrlCors(Cors cors) {
        this.cors = cors;
    }

    /** Whether the request is a CORS preflight, which Lambda answers itself. */
    static boolean isPreflight(WebRequest request) {
        return request.method().equals("OPTIONS") && request.header("Origin").isPresent()
                && request.header("Access-Control-Request-Method").isPresent();
    }

    /**
     * The headers of the preflight answer (200, no body): the CORS headers when the origin, the
     * method and every requested header are allowed, none otherwise (the browser then refuses).
     */
    List<Header> preflight(WebRequest request) {
        Optional<String> origin = allowedOrigin(request);
        String method = request.header("Access-Control-Request-Method").orElse("").strip();
        if (origin.isEmpty() || !allowed(cors.allowMethods().orElse(List.of()), method)) {
            return List.of();
        }
        for (String h : request.header("Access-Control-Request-Headers").orElse("").split(",")) {
            String name = h.strip();
            if (!name.isEmpty() && !allowed(cors.allowHeaders().orElse(List.of()), name)) {
                return List.of();
            }
        }
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Access-Control-Allow-Origin", origin.get()));
        cors.allowMethods().filter(l -> !l.isEmpty())
                .ifPresent(l -> headers.add(new Header("Access-Control-Allow-Methods", String.join(",", l))));
        cors.allowHeaders().filter(l -> !l.isEmpty())
                .ifPresent(l -> headers.add(new Header("Access-Control-Allow-Headers", String.join(",", l))));
        cors.allowCredentials().filter(b -> b)
                .ifPresent(b -> headers.add(new Header("Access-Control-Allow-Credentials", "true")));
        cors.maxAge().ifPresent(n -> headers.add(new Header("Access-Control-Max-Age", Integer.toString(n))));
        headers.add(new Header("Vary", "Origin"));
        return headers;
    }

    /**
     * The function's headers with its CORS headers replaced by the configuration's: those for an
     * allowed origin, none otherwise.
     */
    List<Header> apply(WebRequest request, List<Header> functionHeaders) {
        List<Header> headers = new ArrayList<>();
        for (Header h : functionHeaders) {
            if (!h.name().toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                headers.add(h);
            }
        }
        allowedOrigin(request).ifPresent(origin -> {
            headers.add(new Header("Access-Control-Allow-Origin", origin));
            cors.allowCredentials().filter(b -> b)
                    .ifPresent(b -> headers.add(new Header("Access-Control-Allow-Credentials", "true")));
            cors.exposeHeaders().filter(l -> !l.isEmpty())
                    .ifPresent(l -> headers.add(new Header("Access-Control-Expose-Headers", String.join(",", l))));
            headers.add(new Header("Vary", "Origin"));
        });
        return headers;
    }

    /**
     * The Access-Control-Allow-Origin for this request's Origin: the origin itself when it is
     * listed (or when {@code *} is listed and credentials are allowed, since browsers refuse
     * {@code *} with credentials), {@code *} when {@code *} is listed; empty when not allowed.
     */
    private Optional<String> allowedOrigin(WebRequest request) {
        Optional<String> origin = request.header("Origin").map(String::strip).filter(o -> !o.isEmpty());
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        List<String> origins = cors.allowOrigins().orElse(List.of());
        for (String allowed : origins) {
            if (allowed.equalsIgnoreCase(origin.get())) {
                return origin;
            }
        }
        if (origins.contains("*")) {
            return cors.allowCredentials().orElse(false) ? origin : Optional.of("*");
        }
        return Optional.empty();
    }

    private static boolean allowed(List<String> allowed, String value) {
        for (String a : allowed) {
            if (a.equals("*") || a.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }
}
