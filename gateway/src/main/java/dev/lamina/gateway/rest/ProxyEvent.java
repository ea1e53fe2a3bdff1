package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.payload.V1Event;
import dev.lamina.gateway.payload.V1Request;
import dev.lamina.gateway.web.IamCaller;
import dev.lamina.gateway.web.WebRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The proxy event of one request to a deployed method: payload format 1.0 with no version, the
 * resource's template path, the stage, and the body as text, or base64 when its Content-Type is one
 * of the API's binaryMediaTypes.
 */
final class ProxyEvent {
    private ProxyEvent() {
    }

    /**
     * @param stagePath the raw path after the stage ({@code /items/7}; empty for the stage's root)
     */
    static ObjectNode build(WebRequest request, Deployed deployed, Router.Match match, String stagePath,
                            String accountId, Optional<IamCaller> caller, Optional<ObjectNode> authorizer) {
        String host = request.hostName();
        String domainName = host.startsWith(deployed.apiId() + ".") ? host : deployed.apiId() + ".execute-api.localhost";
        String path = stagePath.isEmpty() ? "/" : V1Event.decode(stagePath, false);
        V1Request.Context context = new V1Request.Context(accountId, deployed.apiId(), domainName,
                domainName.split("\\.", 2)[0], request.requestId(), V1Event.extendedRequestId(request.requestId()),
                match.resource().id(), match.resource().path(), deployed.stage(),
                "/" + deployed.stage() + (stagePath.isEmpty() ? "/" : stagePath), request.protocol(),
                request.sourceIp(), request.header("User-Agent"), request.receivedAt().toEpochMilli(),
                caller.map(c -> new V1Request.Identity(c.accessKey(), c.accountId(), c.callerId(), c.userArn(),
                        c.callerId())), authorizer);
        Optional<String> body = Optional.empty();
        boolean base64 = false;
        if (request.body().length > 0) {
            base64 = MediaTypes.binary(deployed.binaryMediaTypes(), request.header("Content-Type").orElse(null));
            body = Optional.of(base64 ? Base64.getEncoder().encodeToString(request.body())
                    : new String(request.body(), StandardCharsets.UTF_8));
        }
        return V1Event.build(new V1Request(Optional.empty(), match.resource().path(), path, request.method(),
                headers(request), request.rawQuery(), match.pathParameters(), deployed.variables(), context, body,
                base64));
    }

    /** The client's headers, with the ones API Gateway adds on the way when the client sent none. */
    private static List<WebRequest.Header> headers(WebRequest request) {
        List<WebRequest.Header> headers = new ArrayList<>(request.headers());
        addIfAbsent(headers, "X-Forwarded-For", request.sourceIp());
        addIfAbsent(headers, "X-Forwarded-Proto", "http");
        String host = request.header("Host").orElse("");
        int colon = host.lastIndexOf(':');
        addIfAbsent(headers, "X-Forwarded-Port", colon > host.lastIndexOf(']') && colon >= 0
                ? host.substring(colon + 1) : "80");
        addIfAbsent(headers, "X-Amzn-Trace-Id", traceId(request));
        return headers;
    }

    private static void addIfAbsent(List<WebRequest.Header> headers, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (headers.stream().noneMatch(h -> h.name().toLowerCase(Locale.ROOT).equals(lower))) {
            headers.add(new WebRequest.Header(name, value));
        }
    }

    /** An X-Ray root id derived from the request ({@code Root=1-<epoch hex>-<24 hex>}). */
    static String traceId(WebRequest request) {
        String hex = Integer.toHexString(request.requestId().hashCode()) + Long.toHexString(
                request.requestId().chars().asLongStream().reduce(17, (a, b) -> a * 31 + b));
        hex = (hex + "000000000000000000000000").substring(0, 24);
        return "Root=1-" + Long.toHexString(request.receivedAt().getEpochSecond()) + "-" + hex;
    }
}
