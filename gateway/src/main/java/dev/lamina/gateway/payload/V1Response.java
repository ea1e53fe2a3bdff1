package dev.lamina.gateway.payload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.gateway.web.WebRequest;

import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Lambda proxy integration's response, payload format 1.0: a JSON object with only
 * {@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body} and
 * {@code isBase64Encoded}. Anything else (not JSON, not an object, another key, a body that is not a
 * string, a status that is not an HTTP status) is {@link Malformed}, which REST APIs answer with 502
 * {@code {"message": "Internal server error"}} ("Malformed Lambda proxy response").
 */
public sealed interface V1Response {

    /** A well-formed response; {@code body} is text, or base64 when {@code base64}. */
    record Proxy(int statusCode, List<WebRequest.Header> headers, String body, boolean base64) implements V1Response {
        public Proxy {
            headers = List.copyOf(headers);
            Objects.requireNonNull(body);
        }

        /** The body's bytes: decoded when {@code base64}; empty when the base64 text is not valid. */
        public Optional<byte[]> decodedBody() {
            if (!base64) {
                return Optional.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            try {
                return Optional.of(Base64.getDecoder().decode(body.replace("\r", "").replace("\n", "")));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        /** A header's last value, compared without case. */
        public Optional<String> header(String name) {
            String value = null;
            for (WebRequest.Header h : headers) {
                if (h.name().equalsIgnoreCase(name)) {
                    value = h.value();
                }
            }
            return Optional.ofNullable(value);
        }
    }

    /** Not a proxy response; {@code reason} is for logs, never for the client. */
    record Malformed(String reason) implements V1Response {
    }

    Set<String> KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

    /** Reads the function's payload; never throws. */
    static V1Response parse(byte[] payload) {
        JsonNode root;
        try {
            root = V1ResponseReader.JSON.readTree(payload);
        } catch (IOException e) {
            return new Malformed("not JSON");
        }
        if (root == null || !root.isObject()) {
            return new Malformed("not a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                return new Malformed("unexpected key " + key);
            }
        }
        Optional<Integer> status = V1ResponseReader.status(root.get("statusCode"));
        if (status.isEmpty()) {
            return new Malformed("statusCode is missing or not an HTTP status");
        }
        JsonNode body = root.get("body");
        if (body != null && !body.isNull() && !body.isTextual()) {
            return new Malformed("body is not a string");
        }
        JsonNode base64 = root.get("isBase64Encoded");
        if (base64 != null && !base64.isNull() && !base64.isBoolean()) {
            return new Malformed("isBase64Encoded is not a boolean");
        }
        Optional<List<WebRequest.Header>> headers = V1ResponseReader.headers(root.get("headers"), root.get("multiValueHeaders"));
        if (headers.isEmpty()) {
            return new Malformed("headers or multiValueHeaders are not maps of strings");
        }
        return new Proxy(status.get(), headers.get(), body == null || body.isNull() ? "" : body.textValue(),
                base64 != null && base64.asBoolean());
    }
}
