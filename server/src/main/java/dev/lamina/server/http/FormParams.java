package dev.lamina.server.http;

import dev.lamina.model.ServiceException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.NavigableMap;

/**
 * Parameters of a query-protocol request: {@code name=value} pairs joined by {@code &}, percent- and
 * plus-encoded, from the query string and from an {@code application/x-www-form-urlencoded} body.
 * The input is already bounded (the body by the service's limit); the number of parameters is
 * bounded too, so a body of a million empty pairs costs little. A name sent twice keeps its first value.
 */
final class FormParams {
    /** Far above any SQS request (a batch of 10 messages with 10 attributes each is a few hundred). */
    static final int MAX_PARAMS = 10_000;

    private FormParams() {
    }

    /** Adds the pairs of {@code encoded} to {@code into}. */
    static void parse(String encoded, NavigableMap<String, String> into) {
        int start = 0;
        int n = encoded.length();
        while (start <= n) {
            int amp = encoded.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            if (end > start) {
                if (into.size() >= MAX_PARAMS) {
                    throw malformed("The request has more than " + MAX_PARAMS + " parameters.");
                }
                String pair = encoded.substring(start, end);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                into.putIfAbsent(name, value);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("The request's parameters are not properly percent-encoded.");
        }
    }

    private static ServiceException malformed(String message) {
        return ServiceException.client("MalformedQueryString", message);
    }
}
