package dev.lamina.gateway.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.gateway.web.WebRequest.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A function's answer in payload format 2.0, mapped to an HTTP response as Lambda (function URLs)
 * and API Gateway (HTTP APIs) map it: an object with a {@code statusCode} is a response
 * ({@code headers}, {@code multiValueHeaders}, {@code cookies} as Set-Cookie headers, {@code body},
 * {@code isBase64Encoded}); any other JSON value is the body of a 200 {@code application/json}
 * response (a string as its text, anything else as compact JSON). What cannot be mapped is
 * {@link Invalid}, which the front answers with its 502.
 */
public final class V2Response {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Headers that frame the HTTP message: the edge sets them, a function's are dropped. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer");

    private V2Response() {
    }

    /** An HTTP response built from a function's answer. */
    public record Answer(int status, List<Header> headers, byte[] body) {
        public Answer {
            headers = List.copyOf(headers);
            Objects.requireNonNull(body);
        }
    }

    /** The function's answer cannot be an HTTP response; the message says why, for the log. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Maps the payload a function answered. */
    public static Answer map(byte[] payload) throws Invalid {
        JsonNode answer;
        try {
            answer = JSON.readTree(payload);
        } catch (IOException e) {
            throw new Invalid("the function's answer is not JSON");
        }
        if (answer == null || answer.isMissingNode()) {
            throw new Invalid("the function answered nothing");
        }
        if (answer.isObject() && answer.has("statusCode")) {
            return response(answer);
        }
        String body = answer.isTextual() ? answer.textValue() : compact(answer);
        return new Answer(200, List.of(new Header("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A response object: {@code statusCode} and the rest. */
    private static Answer response(JsonNode answer) throws Invalid {
        int status = status(answer.get("statusCode"));
        List<Header> headers = headers(answer);
        byte[] body = body(answer);
        return new Answer(status, headers, body);
    }

    /**
     * The status and headers of a response object (also the prelude of a streamed HTTP response):
     * {@code headers}, {@code multiValueHeaders}, {@code cookies}, and {@code Content-Type:
     * application/json} when none was given.
     */
    public static List<Header> headers(JsonNode answer) throws Invalid {
        List<Header> headers = new ArrayList<>();
        JsonNode single = answer.get("headers");
        if (single != null && !single.isNull()) {
            if (!single.isObject()) {
                throw new Invalid("headers is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    add(headers, e.getKey(), scalar(e.getValue(), "headers." + e.getKey()));
                }
            }
        }
        JsonNode multi = answer.get("multiValueHeaders");
        if (multi != null && !multi.isNull()) {
            if (!multi.isObject()) {
                throw new Invalid("multiValueHeaders is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isArray()) {
                    throw new Invalid("multiValueHeaders." + e.getKey() + " is not an array");
                }
                for (JsonNode v : e.getValue()) {
                    add(headers, e.getKey(), scalar(v, "multiValueHeaders." + e.getKey()));
                }
            }
        }
        JsonNode cookies = answer.get("cookies");
        if (cookies != null && !cookies.isNull()) {
            if (!cookies.isArray()) {
                throw new Invalid("cookies is not an array");
            }
            for (JsonNode c : cookies) {
                add(headers, "Set-Cookie", scalar(c, "cookies"));
            }
        }
        if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
            headers.add(new Header("Content-Type", "application/json"));
        }
        return headers;
    }

    /** {@code statusCode}: a number or a numeric string, 100 to 599. */
    public static int status(JsonNode node) throws Invalid {
        int status;
        if (node != null && node.isIntegralNumber() && node.canConvertToInt()) {
            status = node.intValue();
        } else if (node != null && node.isTextual() && node.textValue().matches("[0-9]{3}")) {
            status = Integer.parseInt(node.textValue());
        } else {
            throw new Invalid("statusCode is not an HTTP status");
        }
        if (status < 100 || status > 599) {
            throw new Invalid("statusCode " + status + " is not an HTTP status");
        }
        return status;
    }

    private static byte[] body(JsonNode answer) throws Invalid {
        JsonNode body = answer.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        String text = body.isTextual() ? body.textValue() : compact(body);
        JsonNode base64 = answer.get("isBase64Encoded");
        boolean encoded = base64 != null && (base64.asBoolean(false) || "true".equalsIgnoreCase(base64.asText()));
        if (!encoded) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new Invalid("isBase64Encoded is true and the body is not base64");
        }
    }

    private static String scalar(JsonNode value, String where) throws Invalid {
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        throw new Invalid(where + " is not a string");
    }

    /** Adds a header the function set, unless it frames the message; one that could split the response is invalid. */
    private static void add(List<Header> headers, String name, String value) throws Invalid {
        if (name.isEmpty() || !name.chars().allMatch(V2Response::isTokenChar)) {
            throw new Invalid("header name '" + name + "' is not a valid HTTP header name");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new Invalid("header " + name + " has a line break in its value");
        }
        if (!FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
            headers.add(new Header(name, value));
        }
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
