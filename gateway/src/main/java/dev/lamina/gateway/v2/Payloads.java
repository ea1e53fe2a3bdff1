package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.payload.V1Event;
import dev.lamina.gateway.payload.V1Request;
import dev.lamina.gateway.payload.V1Response;
import dev.lamina.gateway.payload.V2Event;
import dev.lamina.gateway.payload.V2Response;
import dev.lamina.gateway.payload.V2Route;
import dev.lamina.gateway.web.WebRequest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The events of an HTTP API's Lambda integration and the mapping of the function's answers, in
 * payload format 2.0 (the {@code payload.V2*} classes) or 1.0 (the {@code payload.V1*} classes, with
 * what HTTP APIs do differently from REST APIs: a {@code version} of {@code "1.0"}, lower-cased header
 * names, the path with the stage as the client sent it, the route key as resourceId, and bodies
 * base64-encoded by content type as in 2.0).
 */
final class Payloads {
    private Payloads() {
    }

    /** Everything about the request that the front door decided. */
    record Routed(WebRequest request, String apiId, String stage, String accountId, RouteKey key,
                  Map<String, String> pathParameters, Map<String, String> stageVariables) {
        String domainName() {
            return request.hostName();
        }
    }

    static ObjectNode v2Event(Routed r, Optional<ObjectNode> authorizer) {
        return V2Event.build(r.request(), V2Route.httpApi(r.apiId(), r.domainName(), r.accountId(), r.key().text(),
                r.stage(), r.pathParameters(), r.stageVariables(), authorizer));
    }

    static ObjectNode v1Event(Routed r, Optional<ObjectNode> authorizer) {
        WebRequest q = r.request();
        List<WebRequest.Header> headers = q.headers().stream()
                .map(h -> new WebRequest.Header(h.name().toLowerCase(Locale.ROOT), h.value())).toList();
        byte[] body = q.body();
        boolean base64 = body.length > 0 && !isText(q.header("Content-Type").orElse(""), body);
        Optional<String> text = body.length == 0 ? Optional.empty() : Optional.of(base64
                ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        String resource = r.key().isDefault() ? RouteKey.DEFAULT : r.key().path();
        int dot = r.domainName().indexOf('.');
        V1Request.Context context = new V1Request.Context(r.accountId(), r.apiId(), r.domainName(),
                dot > 0 ? r.domainName().substring(0, dot) : r.domainName(), q.requestId(),
                V1Event.extendedRequestId(q.requestId()), r.key().text(), resource, r.stage(), q.rawPath(),
                q.protocol(), q.sourceIp(), q.header("User-Agent"), q.receivedAt().toEpochMilli(), Optional.empty(),
                authorizer);
        return V1Event.build(new V1Request(Optional.of("1.0"), resource, q.rawPath(), q.method(), headers,
                q.rawQuery(), r.pathParameters(), r.stageVariables(), context, text, base64));
    }

    /** A function's answer as an HTTP response; empty when it cannot be one (the API answers 500). */
    static Optional<V2Response.Answer> answer(String payloadFormat, byte[] payload) {
        if (payloadFormat.equals("2.0")) {
            try {
                return Optional.of(V2Response.map(payload));
            } catch (V2Response.Invalid e) {
                return Optional.empty();
            }
        }
        if (V1Response.parse(payload) instanceof V1Response.Proxy p) {
            return p.decodedBody().map(body -> {
                List<WebRequest.Header> headers = new java.util.ArrayList<>(p.headers());
                if (p.header("Content-Type").isEmpty()) {
                    headers.add(new WebRequest.Header("Content-Type", "application/json"));
                }
                return new V2Response.Answer(p.statusCode(), headers, body);
            });
        }
        return Optional.empty();
    }

    /** Text, JSON and XML bodies that are UTF-8 stay text; anything else is base64 (as payload 2.0 does). */
    static boolean isText(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semi = type.indexOf(';');
        String media = (semi < 0 ? type : type.substring(0, semi)).strip();
        if (!(media.startsWith("text/") || media.contains("json") || media.contains("xml"))) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
