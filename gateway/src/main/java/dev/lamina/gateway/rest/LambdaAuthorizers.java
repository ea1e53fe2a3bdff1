package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.policy.AccessRequest;
import dev.lamina.control.policy.MalformedPolicyException;
import dev.lamina.control.policy.PolicyDocument;
import dev.lamina.control.policy.PolicyEngine;
import dev.lamina.control.policy.PolicyParser;
import dev.lamina.gateway.payload.V1Event;
import dev.lamina.gateway.web.WebRequest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Lambda authorizers (TOKEN and REQUEST), as API Gateway runs them: the identity sources must all be
 * present (else 401 without a call), the function answers a principal and a policy, and the policy
 * is evaluated for the method's ARN ({@code arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>}).
 * An answer is cached per identity for the authorizer's TTL, and the cached policy is evaluated again
 * for every method it is asked about, as on AWS.
 */
final class LambdaAuthorizers {
    private static final int MAX_CACHED = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(29);
    private final LambdaCalls lambda;
    private final Clock clock;
    private final String region;
    private final String account;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** What the authorizer function answered: a principal and policy to cache, or a refusal. */
    private sealed interface Answer {
    }

    private record Cached(String principalId, PolicyDocument policy, Map<String, String> context, Instant expires)
            implements Answer {
    }

    private record Refusal(Answers answers) implements Answer {
    }

    sealed interface Decision {
        /** {@code authorizer} is what {@code requestContext.authorizer} carries. */
        record Allowed(ObjectNode authorizer) implements Decision {
        }

        record Refused(Answers answer) implements Decision {
        }
    }

    LambdaAuthorizers(LambdaCalls lambda, Clock clock, String region, String account) {
        this.lambda = lambda;
        this.clock = clock;
        this.region = region;
        this.account = account;
    }

    /**
     * @param event the request's proxy event (its REQUEST authorizer event is built from it)
     */
    Decision authorize(Deployed deployed, Deployed.Authorizer authorizer, WebRequest request, ObjectNode event,
                       String methodArn) throws InterruptedException {
        if (!authorizer.type().equals("TOKEN") && !authorizer.type().equals("REQUEST")) {
            return new Decision.Refused(Answers.UNAUTHORIZED);
        }
        Optional<List<String>> identity = identity(authorizer, request, event, deployed.variables());
        if (identity.isEmpty()) {
            return new Decision.Refused(Answers.UNAUTHORIZED);
        }
        ObjectNode authorizerEvent = Docs.JSON.createObjectNode();
        if (authorizer.type().equals("TOKEN")) {
            String token = identity.get().getFirst();
            if (authorizer.validationExpression().isPresent() && !matches(authorizer.validationExpression().get(), token)) {
                return new Decision.Refused(Answers.UNAUTHORIZED);
            }
            authorizerEvent.put("type", "TOKEN");
            authorizerEvent.put("authorizationToken", token);
            authorizerEvent.put("methodArn", methodArn);
        } else {
            authorizerEvent.put("type", "REQUEST");
            authorizerEvent.put("methodArn", methodArn);
            for (String field : List.of("resource", "path", "httpMethod", "headers", "multiValueHeaders",
                    "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables",
                    "requestContext")) {
                authorizerEvent.set(field, event.get(field));
            }
        }
        String key = deployed.apiId() + "\n" + authorizer.id() + "\n" + String.join("\n", identity.get());
        Instant now = clock.instant();
        Cached cached = authorizer.ttlSeconds() > 0 && !identity.get().isEmpty() ? cache.get(key) : null;
        long started = System.nanoTime();
        if (cached == null || !cached.expires().isAfter(now)) {
            switch (call(authorizer, deployed, authorizerEvent, now)) {
                case Refusal r -> {
                    return new Decision.Refused(r.answers());
                }
                case Cached c -> cached = c;
            }
            if (authorizer.ttlSeconds() > 0 && !identity.get().isEmpty()) {
                if (cache.size() >= MAX_CACHED) {
                    cache.clear();
                }
                cache.put(key, cached);
            }
        }
        AccessRequest access = new AccessRequest("execute-api:Invoke", methodArn, Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of());
        PolicyEngine.Decision decision = PolicyEngine.evaluate(access, List.of(cached.policy()), Optional.empty());
        if (!decision.allowed()) {
            return new Decision.Refused(decision == PolicyEngine.Decision.IMPLICITLY_DENIED ? Answers.IMPLICIT_DENY
                    : Answers.EXPLICIT_DENY);
        }
        ObjectNode context = Docs.JSON.createObjectNode();
        context.put("principalId", cached.principalId());
        context.put("integrationLatency", (System.nanoTime() - started) / 1_000_000);
        cached.context().forEach(context::put);
        return new Decision.Allowed(context);
    }

    private Answer call(Deployed.Authorizer authorizer, Deployed deployed, ObjectNode event, Instant now)
            throws InterruptedException {
        Optional<String> function = LambdaUri.function(authorizer.uri()).map(f -> LambdaUri.resolve(f, deployed.variables()));
        if (function.isEmpty()) {
            return new Refusal(Answers.AUTHORIZER_CONFIGURATION);
        }
        String sourceArn = "arn:aws:execute-api:" + region + ":" + account + ":" + deployed.apiId() + "/authorizers/"
                + authorizer.id();
        LambdaCalls.Outcome outcome = lambda.call(function.get(), sourceArn, event.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8), TIMEOUT);
        if (!(outcome instanceof LambdaCalls.Outcome.Answered answered)) {
            return new Refusal(Answers.AUTHORIZER_CONFIGURATION);
        }
        JsonNode answer;
        try {
            answer = Docs.JSON.readTree(answered.payload());
        } catch (IOException e) {
            return new Refusal(Answers.AUTHORIZER_CONFIGURATION);
        }
        if (answered.failed()) {
            // A function that fails with the message "Unauthorized" asks for a 401, as on AWS.
            return new Refusal(answer != null && "Unauthorized".equals(answer.path("errorMessage").asText())
                    ? Answers.UNAUTHORIZED : Answers.AUTHORIZER_CONFIGURATION);
        }
        if (answer == null || !answer.isObject() || !answer.path("principalId").isValueNode()
                || !answer.path("policyDocument").isObject()) {
            return new Refusal(Answers.AUTHORIZER_CONFIGURATION);
        }
        PolicyDocument policy;
        try {
            policy = PolicyParser.parse(answer.get("policyDocument").toString(), PolicyDocument.Kind.IDENTITY);
        } catch (MalformedPolicyException e) {
            return new Refusal(Answers.AUTHORIZER_CONFIGURATION);
        }
        Map<String, String> context = new java.util.LinkedHashMap<>();
        JsonNode given = answer.path("context");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                return new Refusal(Answers.AUTHORIZER_CONFIGURATION);
            }
            for (var it = given.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isValueNode()) {
                    return new Refusal(Answers.AUTHORIZER_CONFIGURATION); // only strings, numbers and booleans
                }
                context.put(e.getKey(), e.getValue().asText());
            }
        }
        return new Cached(answer.get("principalId").asText(), policy, Map.copyOf(context),
                now.plusSeconds(authorizer.ttlSeconds()));
    }

    /** The identity sources' values, in order; empty when one is missing or empty. */
    private static Optional<List<String>> identity(Deployed.Authorizer authorizer, WebRequest request, ObjectNode event,
                                                   Map<String, String> variables) {
        List<String> values = new ArrayList<>();
        for (String source : authorizer.identitySource()) {
            String value = null;
            if (source.startsWith("method.request.header.")) {
                List<String> all = request.headerValues(source.substring("method.request.header.".length()));
                value = all.isEmpty() ? null : all.getLast();
            } else if (source.startsWith("method.request.multivalueheader.")) {
                List<String> all = request.headerValues(source.substring("method.request.multivalueheader.".length()));
                value = all.isEmpty() ? null : String.join(",", all);
            } else if (source.startsWith("method.request.querystring.")
                    || source.startsWith("method.request.multivaluequerystring.")) {
                String name = source.substring(source.lastIndexOf(".querystring.") + ".querystring.".length());
                List<String> all = V1Event.queryParameters(request.rawQuery()).get(name);
                value = all == null ? null : source.contains("multivalue") ? String.join(",", all) : all.getLast();
            } else if (source.startsWith("method.request.path.")) {
                value = event.path("pathParameters").path(source.substring("method.request.path.".length())).textValue();
            } else if (source.startsWith("stageVariables.")) {
                value = variables.get(source.substring("stageVariables.".length()));
            } else if (source.startsWith("context.")) {
                value = event.path("requestContext").path(source.substring("context.".length())).asText(null);
            }
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value);
        }
        return Optional.of(values);
    }

    private static boolean matches(String expression, String token) {
        try {
            return Pattern.compile(expression).matcher(token).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
