package dev.lamina.server.http;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.RequestId;
import dev.lamina.server.auth.Authenticator;
import dev.lamina.server.auth.Authorizer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one Jetty handler of the API: routes, authenticates, bounds the body, runs the operation and
 * renders its answer or its error. Every response carries {@code x-amzn-RequestId}. Runs on a
 * virtual thread per request, so operations may block.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final Set<String> publicRoutes;
    private final JsonProtocol jsonServices;
    private final QueryProtocol queryServices;
    private final Optional<FrontDoors> frontDoors;
    private final Optional<RestJsonProtocol> apiGateway;
    private final Optional<RestJsonProtocol> scheduler;

    /**
     * @param authenticator the REST API's (Lambda's) authenticator; JSON-protocol services bring their own
     * @param publicRoutes  names of routes that need no signature (health, presigned downloads)
     * @param jsonServices  the services reached with {@code POST /} and {@code X-Amz-Target} (CloudWatch Logs, SQS)
     * @param queryServices the services of the query protocol (SQS), reached by their signing name or {@code Action}
     */
    public ApiHandler(Router router, Authenticator authenticator, Authorizer authorizer, Set<String> publicRoutes,
                      JsonProtocol jsonServices, QueryProtocol queryServices) {
        this(router, authenticator, authorizer, publicRoutes, jsonServices, queryServices, Optional.empty(),
                Optional.empty());
    }

    /**
     * @param frontDoors the function URLs' and execute-api's front doors, reached by Host or {@code /_aws/…} path
     * @param apiGateway API Gateway's control planes (rest-json), reached by the SigV4 scope {@code apigateway}
     */
    public ApiHandler(Router router, Authenticator authenticator, Authorizer authorizer, Set<String> publicRoutes,
                      JsonProtocol jsonServices, QueryProtocol queryServices, Optional<FrontDoors> frontDoors,
                      Optional<RestJsonProtocol> apiGateway) {
        this(router, authenticator, authorizer, publicRoutes, jsonServices, queryServices, frontDoors, apiGateway,
                Optional.empty());
    }

    /** @param scheduler EventBridge Scheduler (rest-json), reached by the SigV4 scope {@code scheduler} */
    public ApiHandler(Router router, Authenticator authenticator, Authorizer authorizer, Set<String> publicRoutes,
                      JsonProtocol jsonServices, QueryProtocol queryServices, Optional<FrontDoors> frontDoors,
                      Optional<RestJsonProtocol> apiGateway, Optional<RestJsonProtocol> scheduler) {
        this.frontDoors = frontDoors;
        this.apiGateway = apiGateway;
        this.scheduler = scheduler;
        this.router = router;
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.publicRoutes = Set.copyOf(publicRoutes);
        this.jsonServices = jsonServices;
        this.queryServices = queryServices;
    }

    /** A handler with no query-protocol service. */
    public ApiHandler(Router router, Authenticator authenticator, Authorizer authorizer, Set<String> publicRoutes,
                      JsonProtocol jsonServices) {
        this(router, authenticator, authorizer, publicRoutes, jsonServices, new QueryProtocol(List.of(), authorizer));
    }

    /**
     * How much of an oversized body is read and thrown away before answering 413: clients such as the
     * AWS SDK write the whole body before reading the answer and fail if the server closes on them.
     * Beyond this, the connection is simply closed.
     */
    static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestId requestId = RequestId.random();
        ApiResponse answer;
        String rawQuery = Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
        Routing.Decision decision = Routing.decide(request.getMethod(), request.getHttpURI().getPath(), rawQuery,
                name -> header(request, name), queryServices);
        if (request.getHttpURI().isAmbiguous() && !takesAmbiguousPaths(decision, request.getHttpURI().getPath())) {
            // Only front doors take every ambiguous path (%2F, %2E, ;, //): an API's path is routed as
            // sent but signed as normalized, so it must be plain (see isNormal).
            decision = new Routing.Rest();
        }
        JsonProtocol.Opener opener = (limit, tooLarge) -> apiRequest(request, requestId, limit, tooLarge, Map.of(), Map.of());
        switch (decision) {
            case Routing.FrontDoor door when frontDoors.isPresent() -> {
                if (frontDoors.get().serve(door, requestId.value(), request, response)) {
                    callback.succeeded();
                } else {
                    callback.failed(new IOException("the front-door response did not complete"));
                }
                return true;
            }
            case Routing.ApiGateway g when apiGateway.isPresent() -> {
                answer = apiGateway.get().handle(opener, () -> discard(request), endpoint(request));
                write(response, callback, answer.withHeader("x-amzn-RequestId", requestId.value()));
                return true;
            }
            case Routing.Scheduler s when scheduler.isPresent() -> {
                answer = scheduler.get().handle(opener, () -> discard(request), endpoint(request));
                write(response, callback, answer.withHeader("x-amzn-RequestId", requestId.value()));
                return true;
            }
            case Routing.FrontDoor door -> {
                // no front doors on this server: as any unknown path
            }
            case Routing.Scheduler s -> {
                // no Scheduler on this server: as any unknown path
            }
            case Routing.ApiGateway g -> {
                // no control plane on this server: as any unknown path
            }
            case Routing.Json json -> {
                answer = jsonServices.handle(json.target(), opener, () -> discard(request), endpoint(request));
                write(response, callback, answer.withHeader("x-amzn-RequestId", requestId.value()));
                return true;
            }
            case Routing.Query query -> {
                answer = queryServices.handle(query.signingName(), opener, () -> discard(request), endpoint(request),
                        requestId.value());
                write(response, callback, answer.withHeader("x-amzn-RequestId", requestId.value()));
                return true;
            }
            case Routing.Rest rest -> {
                // Lambda's REST API and Lamina's own routes, below
            }
        }
        try {
            answer = dispatch(request, requestId);
        } catch (LambdaException e) {
            if (e.code() == ErrorCode.REQUEST_ENTITY_TOO_LARGE || e.code() == ErrorCode.REQUEST_TOO_LARGE) {
                discard(request);
            }
            answer = ErrorRenderer.render(e);
        } catch (RuntimeException | IOException e) {
            LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getHttpURI().getPath(), e);
            answer = ErrorRenderer.render(new LambdaException(ErrorCode.SERVICE,
                    "Lamina could not complete the request (request id " + requestId + ")."));
        }
        write(response, callback, answer.withHeader("x-amzn-RequestId", requestId.value()));
        return true;
    }

    private ApiResponse dispatch(Request request, RequestId requestId) throws IOException {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        if (!isNormal(path) || request.getHttpURI().isAmbiguous()) {
            throw new LambdaException(ErrorCode.UNKNOWN_OPERATION, "No operation matches " + method + " " + path);
        }
        Map<String, List<String>> query = query(request);
        return switch (router.route(method, path, query)) {
            case Router.NoRoute n -> throw new LambdaException(ErrorCode.UNKNOWN_OPERATION,
                    "No operation matches " + method + " " + path);
            case Router.WrongMethod w -> throw new LambdaException(ErrorCode.UNKNOWN_OPERATION,
                    "No operation matches " + method + " " + path);
            case Router.Matched m -> run(request, requestId, m.route(), m.pathParams(), query);
        };
    }

    private ApiResponse run(Request request, RequestId requestId, Route route, Map<String, String> pathParams,
                            Map<String, List<String>> query) throws IOException {
        ApiRequest api = apiRequest(request, requestId, route.maxBodyBytes(), route.tooLarge(), pathParams, query);
        if (!publicRoutes.contains(route.name())) {
            api = authorizer.authorize(authenticator.authenticate(api), route.name(), api);
        }
        return route.operation().handle(api);
    }

    /** The request as operations see it, its body bounded to {@code maxBodyBytes} (a larger declared length fails at once). */
    private static ApiRequest apiRequest(Request request, RequestId requestId, long maxBodyBytes, LambdaException tooLarge,
                                         Map<String, String> pathParams, Map<String, List<String>> query) {
        if (request.getLength() > maxBodyBytes) {
            throw tooLarge;
        }
        RequestBody body = new RequestBody(new BoundedInputStream(Content.Source.asInputStream(request),
                maxBodyBytes, tooLarge));
        String rawQuery = Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
        return new ApiRequest(requestId, request.getMethod(), request.getHttpURI().getPath(), pathParams,
                query, rawQuery, name -> header(request, name), body,
                Optional.ofNullable(request.getHeaders().get("Host")).orElse("localhost"));
    }

    /**
     * Front doors take any path (it is the function's); the rest-json APIs (API Gateway's control
     * planes, Scheduler) take encoded slashes and dots (an ARN in one label, as the SDKs send
     * TagResource's), but no literal dot or
     * empty segment: their labels are decoded per segment, so an encoded character never moves a
     * segment boundary, while the signature covers the path as sent.
     */
    private static boolean takesAmbiguousPaths(Routing.Decision decision, String path) {
        return decision instanceof Routing.FrontDoor
                || ((decision instanceof Routing.ApiGateway || decision instanceof Routing.Scheduler) && isNormal(path));
    }

    /**
     * Whether a raw path has no {@code .} or {@code ..} segment and no empty one (but a trailing
     * slash). SigV4 signs a path with those segments resolved, while routing reads it as sent, so
     * such a path could carry a signature made for another operation: none of Lambda's paths has one.
     * Jetty's default URI compliance already refuses most of them; this keeps the property whatever
     * Jetty is configured to allow.
     */
    static boolean isNormal(String path) {
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".") || s.equals("..") || (s.isEmpty() && i < segments.length - 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The URI compliance of Lamina's connector: Jetty's default, but also the ambiguous paths
     * ({@code %2F}, {@code %2E}, empty segments, {@code ;} parameters, {@code %25}) that a function URL
     * or an API passes to its function as AWS does. API routes refuse them themselves (handle).
     */
    public static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("LAMINA",
            UriCompliance.AMBIGUOUS_VIOLATIONS.toArray(UriCompliance.Violation[]::new));

    /** {@code http://} and the Host the caller used: URLs built from it lead back here from wherever the caller is. */
    private static String endpoint(Request request) {
        return "http://" + Optional.ofNullable(request.getHeaders().get("Host")).orElse("localhost");
    }

    private static Optional<String> header(Request request, String name) {
        return HeaderValues.joined(request.getHeaders().getValuesList(name));
    }

    /** Reads and drops the rest of a body, unless it is declared so large that closing is better. */
    static void discard(Request request) {
        if (request.getLength() > DISCARD_LIMIT) {
            return; // Jetty closes the connection after the answer instead of reading gigabytes
        }
        try (InputStream rest = Content.Source.asInputStream(request)) {
            long skipped = 0;
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (skipped < DISCARD_LIMIT && (n = rest.read(buffer)) > 0) {
                skipped += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing to answer
        }
    }

    private static Map<String, List<String>> query(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw LambdaException.invalidParameter("The query string is malformed.");
        }
        for (Fields.Field f : fields) {
            out.computeIfAbsent(f.getName(), k -> new ArrayList<>()).addAll(f.getValues());
        }
        return out;
    }

    private static void write(Response response, Callback callback, ApiResponse answer) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(new HttpField(name, value)));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            answer.body().writeTo(out);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not write a response", e);
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }
}
