package dev.lamina.gateway.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.gateway.payload.V2Response;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebRequest.Header;
import dev.lamina.gateway.web.WebResponder;
import dev.lamina.model.FunctionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data plane of HTTP APIs: stage, then route selection, CORS, the route's authorization, the
 * permission check, then the Lambda integration, with API Gateway's answers for every way it fails:
 * 404 {@code Not Found} (no stage, route or integration), 401/403 from authorizers, 500
 * {@code Internal Server Error} (no permission, a function error or an answer that is no response,
 * Lambda refusing the invocation, throttling included), 413 when the event is over Lambda's 6 MB
 * payload limit, 503 {@code Service Unavailable} (the integration's timeout).
 */
final class Front {
    private static final Logger LOG = LoggerFactory.getLogger(Front.class);
    /** Lambda's limit on a synchronous invocation's event, which the Invoker leaves to its callers. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final GatewayContext context;
    private final Catalog catalog;
    private final InvokePermission permission;
    private final JwtAuthorizer jwt;
    private final LambdaAuthorizer lambda;

    Front(GatewayContext context) {
        this.context = context;
        this.catalog = new Catalog(context.store());
        this.permission = new InvokePermission(context.control(), context.settings());
        this.jwt = new JwtAuthorizer(new Jwks(context.clock()), context.clock());
        this.lambda = new LambdaAuthorizer(context, permission);
    }

    boolean owns(String apiId) {
        return catalog.api(apiId).isPresent();
    }

    void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        Optional<Catalog.LiveApi> found = catalog.api(request.frontId());
        if (found.isEmpty()) {
            reply(request, responder, Replies.NOT_FOUND, List.of());
            return;
        }
        Catalog.LiveApi api = found.get();
        if (api.executeApiDisabled()) {
            reply(request, responder, Replies.FORBIDDEN, List.of());
            return;
        }
        if (api.cors().isPresent() && CorsHeaders.isPreflight(request)) {
            List<Header> headers = new ArrayList<>(CorsHeaders.preflight(api.cors().get(), request));
            headers.add(new Header("Apigw-Requestid", request.requestId()));
            responder.send(204, headers, new byte[0]);
            return;
        }
        List<Header> cors = api.cors().map(c -> CorsHeaders.actual(c, request)).orElse(List.of());
        String path = request.rawPath().isEmpty() ? "/" : request.rawPath();
        Catalog.LiveStage stage = null;
        String rest = path;
        int slash = path.indexOf('/', 1);
        String first = slash < 0 ? path.substring(1) : path.substring(1, slash);
        if (!first.isEmpty() && !first.equals(RouteKey.DEFAULT) && api.stages().containsKey(first)) {
            stage = api.stages().get(first);
            rest = slash < 0 ? "/" : path.substring(slash);
        } else {
            stage = api.stages().get(RouteKey.DEFAULT);
        }
        if (stage == null) {
            reply(request, responder, Replies.NOT_FOUND, cors);
            return;
        }
        var match = stage.routes().select(request.method(), rest);
        if (match.isEmpty() || match.get().route().integration().isEmpty()) {
            reply(request, responder, Replies.NOT_FOUND, cors);
            return;
        }
        Catalog.LiveRoute route = match.get().route();
        Payloads.Routed routed = new Payloads.Routed(request, api.apiId(), stage.name(),
                context.settings().account().toString(), route.key(), match.get().pathParameters(), stage.variables());

        Authorization auth = authorize(routed, route, rest);
        if (auth instanceof Authorization.Denied d) {
            reply(request, responder, d.reply(), cors);
            return;
        }
        Authorization.Allowed allowed = (Authorization.Allowed) auth;
        ObjectNode integration = route.integration().get();
        Replies failure = integrate(routed, route, integration, allowed, responder, cors);
        if (failure != null) {
            reply(request, responder, failure, cors);
        }
    }

    private Authorization authorize(Payloads.Routed routed, Catalog.LiveRoute route, String path)
            throws InterruptedException {
        String type = route.route().path("AuthorizationType").asText("NONE");
        return switch (type) {
            case "JWT" -> route.authorizer().map(a -> jwt.authorize(a, route.route(), routed))
                    .orElse(new Authorization.Denied(Replies.INTERNAL));
            case "CUSTOM" -> route.authorizer().isEmpty() ? new Authorization.Denied(Replies.INTERNAL)
                    : lambda.authorize(route.authorizer().get(), routed, path);
            case "AWS_IAM" -> IamAuthorization.authorize(context, permission, routed, path);
            default -> Authorization.Allowed.NONE;
        };
    }

    /** Invokes the integration and sends its answer; returns the reply to send instead when it failed. */
    private Replies integrate(Payloads.Routed routed, Catalog.LiveRoute route, ObjectNode integration,
                              Authorization.Allowed auth, WebResponder responder, List<Header> cors)
            throws IOException, InterruptedException {
        FunctionRef function;
        try {
            function = LambdaTarget.parse(integration.path("IntegrationUri").asText(), context.settings());
        } catch (RuntimeException e) {
            return Replies.INTERNAL;
        }
        String sourceArn = permission.routeArn(routed.apiId(), routed.stage(), routed.request().method(), route.key());
        if (!permission.allows(function, sourceArn)) {
            LOG.info("HTTP API {}: the policy of {} does not allow apigateway.amazonaws.com to invoke it for {}"
                    + " (lambda add-permission)", routed.apiId(), function.name(), sourceArn);
            return Replies.INTERNAL;
        }
        String format = integration.path("PayloadFormatVersion").asText("1.0");
        ObjectNode event = format.equals("2.0") ? Payloads.v2Event(routed, auth.v2())
                : Payloads.v1Event(routed, auth.v1());
        byte[] bytes;
        try {
            bytes = Docs.JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            return Replies.INTERNAL;
        }
        if (bytes.length > MAX_EVENT_BYTES) {
            return Replies.TOO_LARGE;
        }
        Duration timeout = Duration.ofMillis(integration.path("TimeoutInMillis").asInt(30000));
        Invocation.Outcome outcome = Invocation.invoke(context.invoker(), routed.request().requestId(), function,
                bytes, timeout);
        return switch (outcome) {
            case Invocation.Outcome.TimedOut t -> Replies.UNAVAILABLE;
            case Invocation.Outcome.Refused r -> {
                LOG.info("HTTP API {}: Lambda refused to invoke {}: {}", routed.apiId(), function.name(), r.code());
                yield Replies.INTERNAL;
            }
            case Invocation.Outcome.Answered a when a.functionError().isPresent() -> Replies.INTERNAL;
            case Invocation.Outcome.Answered a -> {
                Optional<V2Response.Answer> answer = Payloads.answer(format, a.payload());
                if (answer.isEmpty()) {
                    LOG.info("HTTP API {}: {} answered something that is not a response", routed.apiId(), function.name());
                    yield Replies.INTERNAL;
                }
                List<Header> headers = new ArrayList<>();
                for (Header h : answer.get().headers()) {
                    if (cors.isEmpty() || !CorsHeaders.isCorsHeader(h.name())) {
                        headers.add(h);
                    }
                }
                headers.addAll(cors);
                headers.add(new Header("Apigw-Requestid", routed.request().requestId()));
                responder.send(answer.get().status(), headers, answer.get().body());
                yield null;
            }
        };
    }

    private static void reply(WebRequest request, WebResponder responder, Replies reply, List<Header> cors)
            throws IOException {
        List<Header> headers = reply.headers();
        headers.addAll(cors);
        headers.add(new Header("Apigw-Requestid", request.requestId()));
        responder.send(reply.status(), headers, reply.body());
    }
}
