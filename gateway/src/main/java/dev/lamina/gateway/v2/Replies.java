package dev.lamina.gateway.v2;

import dev.lamina.gateway.web.WebRequest.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** API Gateway's own answers for HTTP APIs: a status and {@code {"message":"…"}}. */
record Replies(int status, String message, List<Header> extraHeaders) {
    static final Replies NOT_FOUND = of(404, "Not Found");
    static final Replies UNAUTHORIZED = of(401, "Unauthorized");
    static final Replies FORBIDDEN = of(403, "Forbidden");
    static final Replies TOO_LARGE = of(413, "Request Entity Too Large");
    static final Replies INTERNAL = of(500, "Internal Server Error");
    static final Replies UNAVAILABLE = of(503, "Service Unavailable");

    static Replies of(int status, String message) {
        return new Replies(status, message, List.of());
    }

    Replies with(String header, String value) {
        List<Header> h = new ArrayList<>(extraHeaders);
        h.add(new Header(header, value));
        return new Replies(status, message, h);
    }

    List<Header> headers() {
        List<Header> h = new ArrayList<>();
        h.add(new Header("Content-Type", "application/json"));
        h.addAll(extraHeaders);
        return h;
    }

    byte[] body() {
        return ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
