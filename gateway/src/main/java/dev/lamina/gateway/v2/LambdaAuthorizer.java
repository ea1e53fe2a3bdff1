package dev.lamina.gateway.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.policy.AccessRequest;
import dev.lamina.control.policy.MalformedPolicyException;
import dev.lamina.control.policy.PolicyDocument;
import dev.lamina.control.policy.PolicyEngine;
import dev.lamina.control.policy.PolicyParser;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.model.FunctionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Lambda REQUEST authorizer: a request whose identity sources are missing gets 401
 * {@code Unauthorized} without invoking anything; otherwise the authorizer function gets API Gateway's
 * authorizer event (payload format 2.0: the request's event with {@code type}, {@code routeArn} and
 * {@code identitySource}; 1.0: the REST-style event with {@code methodArn}) and answers either a simple
 * response {@code {"isAuthorized": bool, "context": {…}}} (2.0 with EnableSimpleResponses) or an IAM
 * policy allowing {@code execute-api:Invoke} on the route's ARN. Denied → 403 {@code Forbidden}; an
 * authorizer that fails, times out, answers nonsense or may not be invoked (its resource policy must
 * allow API Gateway with the authorizer's ARN as SourceArn) → 500. With AuthorizerResultTtlInSeconds,
 * an answer is kept for that long per stage and identity-source values, and decided again for each
 * route (a cached policy may allow one route and not another).
 */
final class LambdaAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaAuthorizer.class);
    /** API Gateway gives an authorizer 10 seconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final GatewayContext context;
    private final InvokePermission permission;
    private final AuthorizerCache cache;

    LambdaAuthorizer(GatewayContext context, InvokePermission permission) {
        this.context = context;
        this.permission = permission;
        this.cache = new AuthorizerCache(context.clock());
    }

    Authorization authorize(ObjectNode authorizer, Payloads.Routed routed, String path) throws InterruptedException {
        List<String> identity = List.of();
        JsonNode sources = authorizer.path("IdentitySource");
        if (!sources.isEmpty()) {
            Optional<List<String>> values = IdentitySources.values(sources, routed);
            if (values.isEmpty()) {
                return new Authorization.Denied(Replies.UNAUTHORIZED);
            }
            identity = values.get();
        }
        FunctionRef function;
        try {
            function = LambdaTarget.parse(authorizer.path("AuthorizerUri").asText(), context.settings());
        } catch (RuntimeException e) {
            return new Authorization.Denied(Replies.INTERNAL);
        }
        String authorizerArn = permission.authorizerArn(routed.apiId(), authorizer.path("AuthorizerId").asText());
        if (!permission.allows(function, authorizerArn)) {
            LOG.info("HTTP API {}: the policy of authorizer function {} does not allow apigateway.amazonaws.com to"
                    + " invoke it for {}", routed.apiId(), function.name(), authorizerArn);
            return new Authorization.Denied(Replies.INTERNAL);
        }
        String routeArn = permission.requestArn(routed.apiId(), routed.stage(), routed.request().method(), path);
        boolean v2 = authorizer.path("AuthorizerPayloadFormatVersion").asText().equals("2.0");
        int ttl = authorizer.path("AuthorizerResultTtlInSeconds").asInt(0);
        Optional<String> cacheKey = ttl > 0 && !identity.isEmpty()
                ? Optional.of(String.join("\u0000", routed.apiId(), routed.stage(),
                        authorizer.path("AuthorizerId").asText(), String.join("\u0000", identity)))
                : Optional.empty();
        if (cacheKey.isPresent()) {
            Optional<JsonNode> cached = cache.get(cacheKey.get());
            if (cached.isPresent()) {
                return decide(authorizer, cached.get(), v2, routeArn);
            }
        }
        ObjectNode event = v2 ? Payloads.v2Event(routed, Optional.empty()) : Payloads.v1Event(routed, Optional.empty());
        event.remove(List.of("body", "isBase64Encoded"));
        event.put("type", "REQUEST");
        if (v2) {
            event.put("routeArn", routeArn);
            identity.forEach(event.putArray("identitySource")::add);
        } else {
            event.put("methodArn", routeArn);
            event.put("identitySource", String.join(",", identity));
            event.put("authorizationToken", String.join(",", identity));
        }
        byte[] bytes;
        try {
            bytes = Docs.JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            return new Authorization.Denied(Replies.INTERNAL);
        }
        if (bytes.length > Front.MAX_EVENT_BYTES) {
            return new Authorization.Denied(Replies.TOO_LARGE);
        }
        Invocation.Outcome outcome = Invocation.invoke(context.invoker(), routed.request().requestId() + "-auth",
                function, bytes, TIMEOUT);
        if (!(outcome instanceof Invocation.Outcome.Answered a) || a.functionError().isPresent()) {
            LOG.info("HTTP API {}: authorizer {} failed: {}", routed.apiId(), function.name(), outcome);
            return new Authorization.Denied(Replies.INTERNAL);
        }
        JsonNode answer;
        try {
            answer = Docs.JSON.readTree(a.payload());
        } catch (IOException e) {
            return new Authorization.Denied(Replies.INTERNAL);
        }
        Authorization decision = decide(authorizer, answer, v2, routeArn);
        if (cacheKey.isPresent() && !(decision instanceof Authorization.Denied d && d.reply() == Replies.INTERNAL)) {
            cache.put(cacheKey.get(), answer, Duration.ofSeconds(ttl));
        }
        return decision;
    }

    /** What an authorizer's answer decides for the route {@code routeArn} (a cached answer is decided again). */
    private Authorization decide(ObjectNode authorizer, JsonNode answer, boolean v2, String routeArn) {
        if (answer == null || !answer.isObject()) {
            return new Authorization.Denied(Replies.INTERNAL);
        }
        if (v2 && authorizer.path("EnableSimpleResponses").asBoolean(false)) {
            JsonNode ok = answer.get("isAuthorized");
            if (ok == null || !ok.isBoolean()) {
                return new Authorization.Denied(Replies.INTERNAL);
            }
            return ok.booleanValue() ? allowed(answer, Optional.empty()) : new Authorization.Denied(Replies.FORBIDDEN);
        }
        return policy(answer, routeArn);
    }

    /** An IAM policy response: Allow on execute-api:Invoke for the route's ARN, and no Deny. */
    private Authorization policy(JsonNode answer, String routeArn) {
        JsonNode document = answer.get("policyDocument");
        if (document == null || !document.isObject()) {
            return new Authorization.Denied(Replies.INTERNAL);
        }
        PolicyDocument policy;
        try {
            policy = PolicyParser.parse(document.toString(), PolicyDocument.Kind.IDENTITY);
        } catch (MalformedPolicyException e) {
            return new Authorization.Denied(Replies.INTERNAL);
        }
        String principal = "arn:aws:iam::" + context.settings().account() + ":root";
        AccessRequest request = AccessRequest.of("execute-api:Invoke", routeArn, principal, Map.of());
        if (!PolicyEngine.evaluate(request, List.of(policy), Optional.empty()).allowed()) {
            return new Authorization.Denied(Replies.FORBIDDEN);
        }
        return allowed(answer, Optional.ofNullable(answer.get("principalId")).map(JsonNode::asText));
    }

    private static Authorization allowed(JsonNode answer, Optional<String> principalId) {
        ObjectNode lambda = answer.get("context") instanceof ObjectNode c ? c.deepCopy() : Docs.object();
        ObjectNode v2 = Docs.object();
        v2.set("lambda", lambda);
        ObjectNode v1 = lambda.deepCopy();
        principalId.ifPresent(p -> v1.put("principalId", p));
        v1.put("integrationLatency", 0);
        return new Authorization.Allowed(Optional.of(v2), Optional.of(v1));
    }
}
