package dev.lamina.gateway.payload;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a payload format 2.0 event says about the front that received the request, beyond the
 * request itself: the part where a function URL and an HTTP API differ.
 *
 * @param routeKey       {@code $default}, or the HTTP API route that matched ({@code GET /items/{id}})
 * @param stage          {@code $default}, or the HTTP API stage's name
 * @param apiId          the URL id or the API id (requestContext.apiId)
 * @param domainName     the Host the client used, without its port
 * @param domainPrefix   the first label of {@code domainName} (the URL id or API id)
 * @param accountId      requestContext.accountId: the owner's account, or {@code anonymous}
 * @param pathParameters the route's path parameters (HTTP APIs), empty when the route has none
 * @param stageVariables the stage's variables (HTTP APIs), empty when it has none
 * @param authorizer     requestContext.authorizer ({@code {"iam":{…}}}, {@code {"jwt":{…}}},
 *                       {@code {"lambda":{…}}}), when the request was authorized by one
 * @param functionUrl    a function URL's event: pathParameters and stageVariables are then present
 *                       as {@code null}, as in Lambda's events, where an HTTP API leaves them out
 */
public record V2Route(String routeKey, String stage, String apiId, String domainName, String domainPrefix,
                      String accountId, Map<String, String> pathParameters, Map<String, String> stageVariables,
                      Optional<ObjectNode> authorizer, boolean functionUrl) {

    public V2Route {
        Objects.requireNonNull(routeKey);
        Objects.requireNonNull(stage);
        Objects.requireNonNull(apiId);
        Objects.requireNonNull(domainName);
        Objects.requireNonNull(domainPrefix);
        Objects.requireNonNull(accountId);
        pathParameters = Map.copyOf(pathParameters);
        stageVariables = Map.copyOf(stageVariables);
        Objects.requireNonNull(authorizer);
    }

    /** A function URL's request: route and stage {@code $default}, no path parameters or stage variables. */
    public static V2Route functionUrl(String urlId, String domainName, String accountId, Optional<ObjectNode> authorizer) {
        return new V2Route("$default", "$default", urlId, domainName, urlId, accountId, Map.of(), Map.of(),
                authorizer, true);
    }

    /** An HTTP API's request through {@code routeKey} on {@code stage}. */
    public static V2Route httpApi(String apiId, String domainName, String accountId, String routeKey, String stage,
                                  Map<String, String> pathParameters, Map<String, String> stageVariables,
                                  Optional<ObjectNode> authorizer) {
        int dot = domainName.indexOf('.');
        String prefix = dot > 0 ? domainName.substring(0, dot) : domainName;
        return new V2Route(routeKey, stage, apiId, domainName, prefix, accountId, pathParameters, stageVariables,
                authorizer, false);
    }
}
