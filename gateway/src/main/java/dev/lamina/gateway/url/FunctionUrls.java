package dev.lamina.gateway.url;

import dev.lamina.control.FunctionUrlConfig;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.gateway.payload.V2Event;
import dev.lamina.gateway.payload.V2Response;
import dev.lamina.gateway.payload.V2Route;
import dev.lamina.gateway.web.WebFront;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebRequest.Header;
import dev.lamina.gateway.web.WebResponder;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The front door of function URLs ({@code <url-id>.lambda-url.<region>.localhost} and
 * {@code /_aws/lambda-url/<url-id>/…}): finds the URL's configuration (read afresh after every
 * write, so an update applies to the next request), answers CORS preflights, authorizes (AuthType
 * NONE or AWS_IAM, {@link UrlAccess}), turns the request into a payload format 2.0 event, invokes the
 * function or alias, and maps its answer back: whole (BUFFERED) or as it is written (RESPONSE_STREAM).
 * The configurations themselves are the control plane's ({@code ControlPlane.functionUrls()}).
 */
public final class FunctionUrls implements WebFront {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionUrls.class);
    /** Lambda's limit on a synchronous invocation's payload: the event, body included. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final GatewayContext context;
    private final UrlAccess access;

    public FunctionUrls(GatewayContext context) {
        this.context = context;
        this.access = new UrlAccess(context.control().permissions(), context.signatures());
    }

    @Override
    public void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        String requestId = request.requestId();
        Optional<FunctionUrlConfig> found = context.control().functionUrls()
                .byId(request.frontId().toLowerCase(Locale.ROOT));
        if (found.isEmpty()) {
            UrlAnswers.unknown(responder, requestId);
            return;
        }
        FunctionUrlConfig url = found.get();
        Optional<UrlCors> cors = url.cors().map(UrlCors::new);
        if (cors.isPresent() && UrlCors.isPreflight(request)) {
            List<Header> headers = new ArrayList<>(cors.get().preflight(request));
            headers.add(new Header("x-amzn-RequestId", requestId));
            responder.send(200, headers, new byte[0]);
            return;
        }
        Optional<V2Route> route = switch (access.decide(url, request)) {
            case UrlAccess.Decision.Allowed allowed -> Optional.of(V2Route.functionUrl(url.urlId(),
                    domainName(url, request),
                    allowed.caller().isPresent() ? context.settings().account().id() : "anonymous",
                    allowed.caller().map(V2Event::iamAuthorizer)));
            case UrlAccess.Decision.Forbidden f -> {
                UrlAnswers.forbidden(responder, requestId);
                yield Optional.empty();
            }
            case UrlAccess.Decision.BadSignature bad -> {
                UrlAnswers.badSignature(responder, requestId, bad.reason());
                yield Optional.empty();
            }
        };
        if (route.isEmpty()) {
            return;
        }
        byte[] event = V2Event.bytes(request, route.get());
        if (event.length > MAX_EVENT_BYTES) {
            UrlAnswers.tooLarge(responder, requestId, MAX_EVENT_BYTES);
            return;
        }
        UnaryOperator<List<Header>> decorate = headers -> {
            List<Header> out = new ArrayList<>(cors.map(c -> c.apply(request, headers)).orElse(headers));
            out.add(new Header("x-amzn-RequestId", requestId));
            return out;
        };
        Invoker.Request invocation = new Invoker.Request(requestId, FunctionRef.of(url.function()),
                url.alias().map(a -> (Qualifier) a), event, Optional.empty(), false, Optional.empty());
        try {
            if (url.effectiveInvokeMode() == FunctionUrlConfig.InvokeMode.RESPONSE_STREAM) {
                stream(invocation, responder, decorate);
            } else {
                answer(context.invoker().invoke(invocation), responder, decorate);
            }
        } catch (LambdaException e) {
            refused(e, responder, requestId);
        }
    }

    /** A whole answer: the function's error is Lambda's 502; anything else is mapped as format 2.0. */
    private void answer(Invoker.Result result, WebResponder responder, UnaryOperator<List<Header>> decorate)
            throws IOException {
        if (result.functionError().isPresent()) {
            UrlAnswers.functionError(responder, result.requestId());
            return;
        }
        V2Response.Answer answer;
        try {
            answer = V2Response.map(result.payload());
        } catch (V2Response.Invalid e) {
            LOG.info("function URL request {}: the function's answer is no HTTP response: {}", result.requestId(),
                    e.getMessage());
            UrlAnswers.functionError(responder, result.requestId());
            return;
        }
        responder.send(answer.status(), decorate.apply(answer.headers()), answer.body());
    }

    /** A streamed answer, relayed as it is written; a function that does not stream is answered whole. */
    private void stream(Invoker.Request invocation, WebResponder responder, UnaryOperator<List<Header>> decorate)
            throws IOException, InterruptedException {
        StreamRelay relay = new StreamRelay(responder, decorate);
        Invoker.Result result = context.invoker().invokeStreaming(invocation, relay);
        if (!relay.started()) {
            answer(result, responder, decorate);
            return;
        }
        if (result.functionError().isPresent() || relay.invalid() != null) {
            if (relay.invalid() != null) {
                LOG.info("function URL request {}: {}", invocation.requestId(), relay.invalid());
            }
            if (relay.committed()) {
                relay.abort();
            } else {
                UrlAnswers.functionError(responder, invocation.requestId());
            }
            return;
        }
        try {
            relay.finish();
        } catch (IOException e) {
            if (relay.invalid() == null || relay.committed()) {
                throw e;
            }
            LOG.info("function URL request {}: {}", invocation.requestId(), relay.invalid());
            UrlAnswers.functionError(responder, invocation.requestId());
        }
    }

    /** The function cannot be invoked at all: throttled is 429, gone is an unknown URL, the rest 502. */
    private static void refused(LambdaException e, WebResponder responder, String requestId) throws IOException {
        switch (e.code()) {
            case TOO_MANY_REQUESTS -> UrlAnswers.throttled(responder, requestId);
            case RESOURCE_NOT_FOUND -> UrlAnswers.unknown(responder, requestId);
            case REQUEST_TOO_LARGE -> UrlAnswers.tooLarge(responder, requestId, MAX_EVENT_BYTES);
            default -> {
                LOG.info("function URL request {}: the function cannot be invoked: {} {}", requestId, e.code(),
                        e.getMessage());
                UrlAnswers.functionError(responder, requestId);
            }
        }
    }

    /** The URL's host: as the client addressed it, or its host-style name for a path-style request. */
    private String domainName(FunctionUrlConfig url, WebRequest request) {
        String host = request.hostName();
        return host.startsWith(url.urlId() + ".lambda-url.") ? host
                : url.urlId() + ".lambda-url." + context.settings().region().name() + ".localhost";
    }
}
