package dev.lamina.gateway.payload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.web.WebRequest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a payload format 1.0 event is made of (REST APIs' Lambda proxy integration, and HTTP APIs'
 * integrations with {@code payloadFormatVersion} 1.0): the front door decides every value that differs
 * between the two (see {@link V1Event}) and this record carries it.
 *
 * @param version        {@code "1.0"} for HTTP APIs (a top-level {@code version}); empty for REST APIs
 * @param resource       the matched resource or route path ({@code /items/{id}}, {@code /{proxy+}})
 * @param path           the request's path without the stage ({@code /items/7})
 * @param method         the request's method
 * @param headers        the request's headers in order, names as the client spelt them
 * @param rawQuery       the query string as sent, without {@code ?}
 * @param pathParameters the matched path parameters, decoded; empty → {@code null} in the event
 * @param stageVariables the stage's variables; empty → {@code null} in the event
 * @param context        the {@code requestContext}
 * @param body           the body as the event carries it: text, or base64 when {@code base64};
 *                       empty when the request had none ({@code null} in the event)
 */
public record V1Request(Optional<String> version, String resource, String path, String method,
                        List<WebRequest.Header> headers, String rawQuery, Map<String, String> pathParameters,
                        Map<String, String> stageVariables, Context context, Optional<String> body, boolean base64) {
    public V1Request {
        Objects.requireNonNull(version);
        Objects.requireNonNull(resource);
        Objects.requireNonNull(path);
        Objects.requireNonNull(method);
        headers = List.copyOf(headers);
        Objects.requireNonNull(rawQuery);
        pathParameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pathParameters));
        stageVariables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageVariables));
        Objects.requireNonNull(context);
        Objects.requireNonNull(body);
    }

    /**
     * The {@code requestContext}'s values.
     *
     * @param resourceId  the REST resource's id; for HTTP APIs the route key ({@code GET /items}); may be null
     * @param contextPath {@code requestContext.path}: for REST APIs {@code /<stage>/<path>}
     * @param identity    the caller's IAM identity when the request was signed (AWS_IAM); else empty
     * @param authorizer  {@code requestContext.authorizer}; empty → the key is left out
     */
    public record Context(String accountId, String apiId, String domainName, String domainPrefix, String requestId,
                          String extendedRequestId, String resourceId, String resourcePath, String stage,
                          String contextPath, String protocol, String sourceIp, Optional<String> userAgent,
                          long requestTimeEpochMillis, Optional<Identity> identity, Optional<ObjectNode> authorizer) {
        public Context {
            Objects.requireNonNull(accountId);
            Objects.requireNonNull(apiId);
            Objects.requireNonNull(domainName);
            Objects.requireNonNull(domainPrefix);
            Objects.requireNonNull(requestId);
            Objects.requireNonNull(extendedRequestId);
            Objects.requireNonNull(resourcePath);
            Objects.requireNonNull(stage);
            Objects.requireNonNull(contextPath);
            Objects.requireNonNull(protocol);
            Objects.requireNonNull(sourceIp);
            Objects.requireNonNull(userAgent);
            Objects.requireNonNull(identity);
            Objects.requireNonNull(authorizer);
        }
    }

    /** The signer of an AWS_IAM request, as {@code requestContext.identity} shows it. */
    public record Identity(String accessKey, String accountId, String caller, String userArn, String user) {
    }
}
