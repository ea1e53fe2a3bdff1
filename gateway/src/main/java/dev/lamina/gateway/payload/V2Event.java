package dev.lamina.gateway.payload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.web.IamCaller;
import dev.lamina.gateway.web.WebRequest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The payload format 2.0 event (function URLs, and HTTP API integrations with payloadFormatVersion
 * 2.0), as Lambda and API Gateway build it: header names lower-cased with repeated headers joined by
 * commas, the Cookie header moved to {@code cookies}, repeated query keys joined by commas, and a body
 * that stays text only when its content type is text, JSON or XML (anything else, form posts
 * included, arrives base64-encoded with {@code isBase64Encoded: true}).
 */
public final class V2Event {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** requestContext.time: {@code 12/Mar/2020:19:03:58 +0000}. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private V2Event() {
    }

    /** The event for {@code request} arriving through {@code route}, as JSON bytes. */
    public static byte[] bytes(WebRequest request, V2Route route) {
        try {
            return JSON.writeValueAsBytes(build(request, route));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event for {@code request} arriving through {@code route}. */
    public static ObjectNode build(WebRequest request, V2Route route) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());

        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        ObjectNode headers = event.putObject("headers");
        headers(request).forEach(headers::put);

        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            query.forEach(event.putObject("queryStringParameters")::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", route.accountId());
        context.put("apiId", route.apiId());
        route.authorizer().ifPresent(a -> context.set("authorizer", a));
        context.put("domainName", route.domainName());
        context.put("domainPrefix", route.domainPrefix());
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.header("User-Agent").orElse(""));
        context.put("requestId", request.requestId());
        context.put("routeKey", route.routeKey());
        context.put("stage", route.stage());
        context.put("time", TIME.format(request.receivedAt()));
        context.put("timeEpoch", request.receivedAt().toEpochMilli());

        byte[] body = request.body();
        boolean base64 = body.length > 0 && !isText(request.header("Content-Type").orElse(""), body);
        if (body.length > 0) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body)
                    : new String(body, StandardCharsets.UTF_8));
        }
        if (route.functionUrl() || !route.pathParameters().isEmpty()) {
            putMap(event, "pathParameters", route.pathParameters());
        }
        event.put("isBase64Encoded", base64);
        if (route.functionUrl() || !route.stageVariables().isEmpty()) {
            putMap(event, "stageVariables", route.stageVariables());
        }
        return event;
    }

    /** requestContext.authorizer for a SigV4-signed request: {@code {"iam":{accessKey, accountId, …}}}. */
    public static ObjectNode iamAuthorizer(IamCaller caller) {
        ObjectNode authorizer = JSON.createObjectNode();
        ObjectNode iam = authorizer.putObject("iam");
        iam.put("accessKey", caller.accessKey());
        iam.put("accountId", caller.accountId());
        iam.put("callerId", caller.callerId());
        iam.putNull("cognitoIdentity");
        iam.putNull("principalOrgId");
        iam.put("userArn", caller.userArn());
        iam.put("userId", caller.callerId());
        return authorizer;
    }

    /**
     * The event's headers: names lower-cased, repeats joined with commas, the Cookie header left out
     * (it is {@code cookies}), and the headers the front adds as AWS's do (x-forwarded-for,
     * -proto, -port and x-amzn-trace-id) unless the client sent them.
     */
    static Map<String, String> headers(WebRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (WebRequest.Header h : request.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                continue;
            }
            headers.merge(name, h.value(), (a, b) -> a + "," + b);
        }
        headers.merge("x-forwarded-for", request.sourceIp(), (sent, ours) -> sent + ", " + ours);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", port(request));
        headers.putIfAbsent("x-amzn-trace-id", traceId(request));
        return headers;
    }

    /** Every cookie of every Cookie header, in order ({@code a=1; b=2} gives two). */
    static List<String> cookies(WebRequest request) {
        List<String> cookies = new ArrayList<>();
        for (String header : request.headerValues("Cookie")) {
            for (String cookie : header.split(";")) {
                String trimmed = cookie.strip();
                if (!trimmed.isEmpty()) {
                    cookies.add(trimmed);
                }
            }
        }
        return cookies;
    }

    /** The query's parameters, decoded, with the values of a repeated key joined by commas. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(key, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /**
     * Percent-decodes {@code s} as a query component ({@code +} is a space); a malformed escape or
     * bytes that are not UTF-8 leave the text as it was sent.
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '%') {
                return s;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return utf8(out.toByteArray()).orElse(s);
    }

    /**
     * Whether a body of this content type reaches the function as text: text/*, and JSON and XML
     * types ({@code application/json}, {@code application/ld+json}, {@code application/xml}, …),
     * when it is valid UTF-8. A form post or a body without a content type is binary.
     */
    static boolean isText(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semi = type.indexOf(';');
        String media = (semi < 0 ? type : type.substring(0, semi)).strip();
        boolean textual = media.startsWith("text/") || media.contains("json") || media.contains("xml");
        return textual && utf8(body).isPresent();
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static void putMap(ObjectNode event, String field, Map<String, String> values) {
        if (values.isEmpty()) {
            event.putNull(field);
        } else {
            values.forEach(event.putObject(field)::put);
        }
    }

    /** The port the client addressed: the Host header's, or 80. */
    private static String port(WebRequest request) {
        String host = request.header("Host").orElse("");
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && colon > host.lastIndexOf(']') && colon < host.length() - 1) {
            String port = host.substring(colon + 1);
            if (port.chars().allMatch(Character::isDigit)) {
                return port;
            }
        }
        return "80";
    }

    /** An X-Ray root trace id for a request that came without one: {@code Root=1-<epoch hex>-<24 hex>}. */
    private static String traceId(WebRequest request) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(request.receivedAt().getEpochSecond()) + "-"
                + HexFormat.of().formatHex(random);
    }
}
