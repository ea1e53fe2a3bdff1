package dev.lamina.gateway.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.web.WebRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy integration's event, payload format 1.0, as API Gateway builds it for REST APIs
 * (and, with a {@code version} of {@code "1.0"}, for HTTP APIs).
 *
 * <p>Headers keep the names the client sent: {@code headers} holds the last value of a repeated
 * header, {@code multiValueHeaders} every value in order (names compared without case, under the
 * spelling first seen). The query string is decoded the same way: {@code queryStringParameters}
 * keeps a repeated key's last value, {@code multiValueQueryStringParameters} all of them. Empty
 * maps are {@code null}, as API Gateway sends them.
 */
public final class V1Event {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String[] IDENTITY_FIELDS = {"cognitoIdentityPoolId", "accountId", "cognitoIdentityId",
            "caller", "sourceIp", "principalOrgId", "accessKey", "cognitoAuthenticationType",
            "cognitoAuthenticationProvider", "userArn", "userAgent", "user"};

    private V1Event() {
    }

    public static ObjectNode build(V1Request r) {
        ObjectNode e = JSON.objectNode();
        r.version().ifPresent(v -> e.put("version", v));
        e.put("resource", r.resource());
        e.put("path", r.path());
        e.put("httpMethod", r.method());
        Map<String, List<String>> headers = headers(r.headers());
        e.set("headers", last(headers));
        e.set("multiValueHeaders", all(headers));
        Map<String, List<String>> query = queryParameters(r.rawQuery());
        e.set("queryStringParameters", last(query));
        e.set("multiValueQueryStringParameters", all(query));
        e.set("pathParameters", strings(r.pathParameters()));
        e.set("stageVariables", strings(r.stageVariables()));
        e.set("requestContext", context(r.context(), r.method()));
        if (r.body().isPresent()) {
            e.put("body", r.body().get());
        } else {
            e.putNull("body");
        }
        e.put("isBase64Encoded", r.base64());
        return e;
    }

    private static ObjectNode context(V1Request.Context c, String method) {
        ObjectNode ctx = JSON.objectNode();
        if (c.resourceId() == null) {
            ctx.putNull("resourceId");
        } else {
            ctx.put("resourceId", c.resourceId());
        }
        ctx.put("resourcePath", c.resourcePath());
        ctx.put("httpMethod", method);
        ctx.put("extendedRequestId", c.extendedRequestId());
        ctx.put("requestTime", requestTime(c.requestTimeEpochMillis()));
        ctx.put("path", c.contextPath());
        ctx.put("accountId", c.accountId());
        ctx.put("protocol", c.protocol());
        ctx.put("stage", c.stage());
        ctx.put("domainPrefix", c.domainPrefix());
        ctx.put("requestTimeEpoch", c.requestTimeEpochMillis());
        ctx.put("requestId", c.requestId());
        ObjectNode identity = ctx.putObject("identity");
        for (String field : IDENTITY_FIELDS) {
            identity.putNull(field);
        }
        identity.put("sourceIp", c.sourceIp());
        c.userAgent().ifPresent(ua -> identity.put("userAgent", ua));
        c.identity().ifPresent(id -> {
            identity.put("accessKey", id.accessKey());
            identity.put("accountId", id.accountId());
            identity.put("caller", id.caller());
            identity.put("userArn", id.userArn());
            identity.put("user", id.user());
        });
        ctx.put("domainName", c.domainName());
        ctx.put("apiId", c.apiId());
        c.authorizer().ifPresent(a -> ctx.set("authorizer", a));
        return ctx;
    }

    /** {@code requestContext.requestTime}: {@code 04/Mar/2020:19:15:17 +0000}. */
    public static String requestTime(long epochMillis) {
        return REQUEST_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** An {@code extendedRequestId} in API Gateway's shape (16 base64 characters), derived from the request id. */
    public static String extendedRequestId(String requestId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 11));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers grouped by name without case, under the first spelling seen, values in order. */
    public static Map<String, List<String>> headers(List<WebRequest.Header> headers) {
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (WebRequest.Header h : headers) {
            String name = spelling.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> h.name());
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(h.value());
        }
        return out;
    }

    /**
     * The query string's parameters, decoded ({@code +} is a space; a malformed escape stays as sent),
     * keys in the order first seen, values in order; a key without {@code =} has the value {@code ""}.
     */
    public static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** Percent-decodes as UTF-8; a malformed escape is kept as it was sent, never an error. */
    public static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static JsonNode last(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return JSON.nullNode();
        }
        ObjectNode o = JSON.objectNode();
        values.forEach((k, v) -> o.put(k, v.getLast()));
        return o;
    }

    private static JsonNode all(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return JSON.nullNode();
        }
        ObjectNode o = JSON.objectNode();
        values.forEach((k, v) -> v.forEach(o.putArray(k)::add));
        return o;
    }

    private static JsonNode strings(Map<String, String> values) {
        if (values.isEmpty()) {
            return JSON.nullNode();
        }
        ObjectNode o = JSON.objectNode();
        values.forEach(o::put);
        return o;
    }
}
