package dev.lamina.server.auth;

import dev.lamina.model.RequestId;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.RequestBody;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request written as text (the test suites' {@code *-signed-request.txt} form: request line,
 * {@code Name:value} header lines, a blank line, the body), turned into the ApiRequest the verifier
 * sees, with header lookup as ApiHandler does it (case-insensitive, repeated headers joined by commas).
 */
record HttpText(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    static HttpText parse(String text) {
        int headEnd = text.indexOf("\n\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String body = headEnd < 0 ? "" : text.substring(headEnd + 2);
        String[] lines = head.split("\n");
        String requestLine = lines[0];
        int space = requestLine.indexOf(' ');
        String target = requestLine.substring(space + 1, requestLine.lastIndexOf(" HTTP/"));
        int q = target.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1));
        }
        return new HttpText(requestLine.substring(0, space), q < 0 ? target : target.substring(0, q),
                q < 0 ? "" : target.substring(q + 1), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpText withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name.toLowerCase(Locale.ROOT), List.of(value));
        return new HttpText(method, path, rawQuery, copy, body);
    }

    HttpText withTarget(String path, String rawQuery) {
        return new HttpText(method, path, rawQuery, headers, body);
    }

    HttpText withBody(byte[] body) {
        return new HttpText(method, path, rawQuery, headers, body);
    }

    Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? Optional.empty() : Optional.of(String.join(",", values));
    }

    ApiRequest toApiRequest() {
        return new ApiRequest(RequestId.random(), method, path, Map.of(), Map.of(), rawQuery, this::header,
                RequestBody.of(body), "localhost");
    }
}
