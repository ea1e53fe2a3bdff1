package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.ServiceException;
import dev.lamina.server.auth.Caller;
import dev.lamina.server.auth.Authorizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * AWS's query protocol for every service that speaks it. A request is routed here by its SigV4
 * scope's service name, or, unsigned, by its {@code Action}. In order: the body is bounded by the
 * service's limit and read (it is small: form parameters); the operation must be the model's
 * (else InvalidAction); the signature is checked with the service's own signing name; the form
 * becomes the operation's JSON input ({@link QueryDecoder}); the caller is authorized for
 * {@code <iamPrefix>:<Action>} on the resource the input names; only then does the operation run,
 * and its output is answered as XML ({@link XmlEncoder}). Every failure is the protocol's
 * {@code <ErrorResponse>}, never a stack trace.
 */
public final class QueryProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(QueryProtocol.class);
    static final String FORM = "application/x-www-form-urlencoded";

    private final Map<String, QueryService> services;
    private final Authorizer authorizer;

    public QueryProtocol(List<QueryService> services, Authorizer authorizer) {
        this.services = services.stream().collect(Collectors.toUnmodifiableMap(QueryService::signingName, s -> s));
        this.authorizer = authorizer;
    }

    /** Whether requests signed for {@code signingName} are this protocol's. */
    public boolean serves(String signingName) {
        return services.containsKey(signingName);
    }

    private static boolean isForm(String contentType) {
        return contentType.strip().toLowerCase(Locale.ROOT).startsWith(FORM);
    }

    /**
     * Answers one request; never throws (but for a broken JVM).
     *
     * @param signingName the SigV4 scope's service, when the request names one this protocol serves
     * @param endpoint    {@code http://<Host>}, for URLs that lead back to this server
     */
    public ApiResponse handle(Optional<String> signingName, JsonProtocol.Opener opener, Runnable discard,
                              String endpoint, String requestId) {
        QueryService service = signingName.map(services::get).orElse(null);
        try {
            long limit = service != null ? service.maxBodyBytes()
                    : services.values().stream().mapToLong(QueryService::maxBodyBytes).max().orElse(0);
            ApiRequest request = opener.open(limit, new LambdaException(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                    "Request must be smaller than " + limit + " bytes"));
            NavigableMap<String, String> params = params(request);
            if (service == null) {
                service = byAction(params.get("Action"));
            }
            return run(service, request, params, endpoint, requestId);
        } catch (RuntimeException | IOException | StackOverflowError | OutOfMemoryError e) {
            return failure(service, e, discard, requestId);
        }
    }

    private ApiResponse failure(QueryService service, Throwable e, Runnable discard, String requestId) {
        return switch (e) {
            case ServiceException s -> rendered(service, s, requestId);
            case LambdaException l -> {
                if (l.code() == ErrorCode.REQUEST_ENTITY_TOO_LARGE) {
                    discard.run();
                }
                yield QueryErrors.render(l, namespace(service), requestId);
            }
            default -> {
                try {
                    LOG.error("query-protocol request {} failed", requestId, e);
                } catch (RuntimeException | Error logging) {
                    // the client still gets its answer
                }
                yield QueryErrors.render(500, false, "InternalError", "We encountered an internal error. Please try again.",
                        namespace(service), requestId);
            }
        };
    }

    /** A service's error with its query code, and its query wording where the model's overlay gives one. */
    private static ApiResponse rendered(QueryService service, ServiceException e, String requestId) {
        String message = service == null ? e.getMessage()
                : service.model().queryErrorMessage(e.code()).orElse(e.getMessage());
        return QueryErrors.render(e.status(), e.senderFault(), e.queryCodeOrCode(), message, namespace(service),
                requestId);
    }

    private static Optional<String> namespace(QueryService service) {
        return service == null ? Optional.empty() : service.xmlNamespace();
    }

    /** Runs a request whose parameters are read; {@code service} is null when nothing names one. */
    private ApiResponse run(QueryService service, ApiRequest request, NavigableMap<String, String> params,
                            String endpoint, String requestId) throws IOException {
        String action = params.get("Action");
        if (action == null || action.isEmpty()) {
            throw ServiceException.client("MissingAction", "The request must contain the parameter Action.");
        }
        if (service == null || !service.operations().contains(action)) {
            throw ServiceException.client("InvalidAction", "The action " + printable(action)
                    + " is not valid for this web service.");
        }
        Caller caller = service.authenticator().authenticate(request);
        ObjectNode input = QueryDecoder.decode(service.model(), action, params);
        service.pathMember().ifPresent(member -> {
            if (!request.path().equals("/") && !input.hasNonNull(member)) {
                input.put(member, endpoint + request.path());
            }
        });
        authorizer.authorize(caller, service.iamPrefix() + ":" + action, service.resource().apply(action, input));
        JsonNode output = service.handler().handle(new ServiceCall(action, input, caller, endpoint));
        return QueryErrors.xml(200, XmlEncoder.response(service.model(), action, output, requestId));
    }

    /** The service whose model has {@code action}, for a request with no scope (unsigned). */
    private QueryService byAction(String action) {
        if (action == null) {
            return null;
        }
        return services.values().stream().filter(s -> s.operations().contains(action)).findFirst().orElse(null);
    }

    /** The query string's parameters, then the form body's (the body is hashed first: the signature covers it). */
    private static NavigableMap<String, String> params(ApiRequest request) throws IOException {
        NavigableMap<String, String> params = new TreeMap<>();
        FormParams.parse(request.rawQuery(), params);
        if (request.method().equals("POST") && request.header("Content-Type").filter(QueryProtocol::isForm).isPresent()) {
            request.body().sha256Hex(); // buffers the (bounded) body, so that the verifier can still hash it
            FormParams.parse(new String(request.body().readAllBytes(), StandardCharsets.UTF_8), params);
        }
        return params;
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
