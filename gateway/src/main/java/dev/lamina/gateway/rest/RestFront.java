package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.gateway.payload.V1Event;
import dev.lamina.gateway.payload.V1Response;
import dev.lamina.gateway.web.IamCaller;
import dev.lamina.gateway.web.SignatureCheck;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebRequest.Header;
import dev.lamina.gateway.web.WebResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Serves deployed REST APIs: {@code /<stage>/<path>} → the stage's deployment → the resource and
 * method → authorization (NONE, AWS_IAM, a Lambda authorizer) → the integration (Lambda proxy, or
 * MOCK) → the answer, with API Gateway's own answers for everything that goes wrong on the way.
 */
final class RestFront {
    private static final Logger LOG = LoggerFactory.getLogger(RestFront.class);
    /** Response headers API Gateway renames to x-amzn-Remapped-<name> rather than pass on. */
    private static final Set<String> REMAPPED = Set.of("authorization", "connection", "date", "server",
            "www-authenticate", "x-amzn-requestid", "content-md5", "expect", "max-forwards", "proxy-authenticate",
            "trailer", "upgrade", "via");
    /** Response headers the edge computes itself. */
    private static final Set<String> DROPPED = Set.of("content-length", "transfer-encoding");
    /** Lambda's limit on a synchronous invocation's payload: a larger event is never sent. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final GatewayContext context;
    private final Deployments deployments;
    private final LambdaCalls lambda;
    private final LambdaAuthorizers authorizers;
    private final String region;
    private final String account;

    RestFront(GatewayContext context, Deployments deployments) {
        this.context = context;
        this.deployments = deployments;
        this.lambda = new LambdaCalls(context);
        this.region = context.settings().region().toString();
        this.account = context.settings().account().toString();
        this.authorizers = new LambdaAuthorizers(lambda, context.clock(), region, account);
    }

    void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        String apigwId = V1Event.extendedRequestId(request.requestId());
        Answer answer;
        try {
            answer = answer(request);
        } catch (RuntimeException e) {
            LOG.warn("REST API {} failed to serve {} {}", request.frontId(), request.method(), request.rawPath(), e);
            answer = new Answer.Gateway(Answers.CONFIGURATION);
        }
        switch (answer) {
            case Answer.Gateway g -> responder.send(g.answers().status(),
                    g.answers().headers(request.requestId(), apigwId), g.answers().bytes());
            case Answer.Response r -> {
                List<Header> headers = new ArrayList<>(r.headers());
                headers.add(new Header("x-amzn-RequestId", request.requestId()));
                headers.add(new Header("x-amz-apigw-id", apigwId));
                headers.add(new Header("X-Amzn-Trace-Id", ProxyEvent.traceId(request)));
                responder.send(r.status(), headers, r.body());
            }
        }
    }

    private sealed interface Answer {
        record Gateway(Answers answers) implements Answer {
        }

        record Response(int status, List<Header> headers, byte[] body) implements Answer {
        }
    }

    private Answer answer(WebRequest request) throws InterruptedException {
        String raw = request.rawPath().startsWith("/") ? request.rawPath().substring(1) : request.rawPath();
        int slash = raw.indexOf('/');
        String stage = slash < 0 ? raw : raw.substring(0, slash);
        String stagePath = slash < 0 ? "" : raw.substring(slash);
        if (stage.isEmpty()) {
            return new Answer.Gateway(Answers.MISSING_TOKEN);
        }
        Optional<Deployed> deployed = deployments.stage(request.frontId(), V1Event.decode(stage, false));
        if (deployed.isEmpty()) {
            return new Answer.Gateway(Answers.FORBIDDEN);
        }
        Deployed d = deployed.get();
        Optional<Router.Match> match = Router.match(d.root(), stagePath);
        String method = request.method().toUpperCase(Locale.ROOT);
        Deployed.Method m = match.map(x -> x.resource().methods().getOrDefault(method,
                x.resource().methods().get("ANY"))).orElse(null);
        if (m == null) {
            return new Answer.Gateway(Answers.MISSING_TOKEN);
        }
        String prefix = "arn:aws:execute-api:" + region + ":" + account + ":" + d.apiId() + "/" + d.stage() + "/" + method + "/";
        String methodArn = prefix + (stagePath.isEmpty() ? "" : stagePath.substring(1));
        String sourceArn = prefix + match.get().resource().path().substring(1);

        Optional<IamCaller> caller = Optional.empty();
        Optional<ObjectNode> authorizer = Optional.empty();
        switch (m.authorizationType()) {
            case "AWS_IAM" -> {
                try {
                    caller = context.signatures().verify(request, "execute-api");
                } catch (SignatureCheck.Rejected e) {
                    return new Answer.Gateway(Answers.invalidSignature(e.getMessage()));
                }
                if (caller.isEmpty()) {
                    return new Answer.Gateway(Answers.MISSING_TOKEN);
                }
                // The account's root may do everything; others need execute-api:Invoke in an identity policy.
                boolean root = caller.get().userArn().equals("arn:aws:iam::" + account + ":root");
                if (!root && !context.signatures().allows(caller.get(), "execute-api:Invoke", methodArn)) {
                    return new Answer.Gateway(Answers.denied("User: " + caller.get().userArn()
                            + " is not authorized to perform: execute-api:Invoke on resource: " + methodArn));
                }
            }
            case "CUSTOM" -> {
                Deployed.Authorizer a = m.authorizerId().map(id -> d.authorizers().get(id)).orElse(null);
                if (a == null) {
                    return new Answer.Gateway(Answers.AUTHORIZER_CONFIGURATION);
                }
                ObjectNode event = ProxyEvent.build(request, d, match.get(), stagePath, account, caller, Optional.empty());
                switch (authorizers.authorize(d, a, request, event, methodArn)) {
                    case LambdaAuthorizers.Decision.Refused refused -> {
                        return new Answer.Gateway(refused.answer());
                    }
                    case LambdaAuthorizers.Decision.Allowed allowed -> authorizer = Optional.of(allowed.authorizer());
                }
            }
            case "COGNITO_USER_POOLS" -> {
                return new Answer.Gateway(Answers.UNAUTHORIZED);
            }
            default -> {
            }
        }

        Deployed.Integration integration = m.integration();
        return switch (integration.type()) {
            case "AWS_PROXY" -> proxy(request, d, match.get(), stagePath, integration, sourceArn, caller, authorizer);
            case "MOCK" -> MockIntegration.answer(integration, request.header("Content-Type"))
                    .<Answer>map(a -> new Answer.Response(a.status(), a.headers(), a.body()))
                    .orElse(new Answer.Gateway(Answers.CONFIGURATION));
            default -> new Answer.Gateway(Answers.CONFIGURATION); // HTTP, HTTP_PROXY, AWS: not run by Lamina
        };
    }

    private Answer proxy(WebRequest request, Deployed d, Router.Match match, String stagePath,
                         Deployed.Integration integration, String sourceArn, Optional<IamCaller> caller,
                         Optional<ObjectNode> authorizer) throws InterruptedException {
        Optional<String> function = integration.uri().flatMap(LambdaUri::function)
                .map(f -> LambdaUri.resolve(f, d.variables()));
        if (function.isEmpty()) {
            return new Answer.Gateway(Answers.CONFIGURATION);
        }
        byte[] event = ProxyEvent.build(request, d, match, stagePath, account, caller, authorizer).toString()
                .getBytes(StandardCharsets.UTF_8);
        if (event.length > MAX_EVENT_BYTES) {
            return new Answer.Gateway(Answers.TOO_LARGE);
        }
        LambdaCalls.Outcome outcome = lambda.call(function.get(), sourceArn, event,
                Duration.ofMillis(integration.timeoutMillis()));
        return switch (outcome) {
            case LambdaCalls.Outcome.NotCallable n -> {
                LOG.info("REST API {}: cannot call {}: {}", d.apiId(), function.get(), n.reason());
                yield new Answer.Gateway(Answers.CONFIGURATION);
            }
            case LambdaCalls.Outcome.Throttled t -> new Answer.Gateway(Answers.THROTTLED);
            case LambdaCalls.Outcome.TimedOut t -> new Answer.Gateway(Answers.TIMEOUT);
            case LambdaCalls.Outcome.Answered a when a.failed() -> new Answer.Gateway(Answers.BAD_GATEWAY);
            case LambdaCalls.Outcome.Answered a -> response(request, d, V1Response.parse(a.payload()));
        };
    }

    private static Answer response(WebRequest request, Deployed d, V1Response parsed) {
        if (!(parsed instanceof V1Response.Proxy p)) {
            return new Answer.Gateway(Answers.BAD_GATEWAY);
        }
        List<Header> headers = new ArrayList<>();
        for (Header h : p.headers()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (DROPPED.contains(lower)) {
                continue;
            }
            headers.add(REMAPPED.contains(lower) ? new Header("x-amzn-Remapped-" + h.name(), h.value()) : h);
        }
        Optional<String> contentType = p.header("Content-Type");
        if (contentType.isEmpty()) {
            headers.add(new Header("Content-Type", "application/json"));
        }
        byte[] body;
        boolean binary = p.base64() && (MediaTypes.binary(d.binaryMediaTypes(), request.header("Accept").orElse(null))
                || MediaTypes.binary(d.binaryMediaTypes(), contentType.orElse(null)));
        if (binary) {
            Optional<byte[]> decoded = p.decodedBody();
            if (decoded.isEmpty()) {
                return new Answer.Gateway(Answers.BAD_GATEWAY);
            }
            body = decoded.get();
        } else {
            body = p.body().getBytes(StandardCharsets.UTF_8);
        }
        return new Answer.Response(p.statusCode(), headers, body);
    }
}
