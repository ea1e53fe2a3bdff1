package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.model.ServiceException;
import dev.lamina.server.auth.Authenticator;
import dev.lamina.server.auth.Authorizer;
import dev.lamina.server.auth.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS's rest-json protocol, driven by the services' models: API Gateway's control planes (REST APIs,
 * {@code apigateway}, and HTTP APIs, {@code apigatewayv2} under {@code /v2/}), both signed for
 * {@code apigateway}. In order: the body is bounded; the signature is checked; the caller is
 * authorized for {@code apigateway:<METHOD>} on {@code arn:aws:apigateway:<region>::<path>} ({@link #resource}; API
 * Gateway's management permissions name the HTTP method and the resource's path, not the
 * operation); the method and path find the operation ({@link RestRoutes}); the request becomes its
 * input ({@link RestJsonDecoder}) and is validated ({@link RestJsonValidator}); only then does it run,
 * and its output is rendered ({@link RestJsonEncoder}). Errors are {@code x-amzn-ErrorType: <Code>}
 * with {@code {"message": …}}, which the SDKs read; an operation Lamina does not serve is a 404
 * UnknownOperationException, never a 500.
 */
public final class RestJsonProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(RestJsonProtocol.class);
    /** API Gateway's largest request: an imported OpenAPI document (ImportRestApi, PutRestApi, ImportApi). */
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    private final List<RestJsonService> services;
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final Region region;

    /** @param authenticator verifies signatures made for {@code apigateway} */
    public RestJsonProtocol(List<RestJsonService> services, Authenticator authenticator, Authorizer authorizer,
                            Region region) {
        this.services = services.stream().sorted(Comparator.comparingInt((RestJsonService s) -> -s.pathPrefix().length()))
                .toList();
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.region = region;
    }

    /** Answers one request; never throws (but for a broken JVM). */
    public ApiResponse handle(JsonProtocol.Opener opener, Runnable discard, String endpoint) {
        String where = "?";
        try {
            ApiRequest request = opener.open(MAX_BODY_BYTES, new LambdaException(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                    "Request Entity Too Large"));
            where = request.method() + " " + RestJsonDecoder.printable(request.path());
            return run(request, endpoint);
        } catch (ServiceException e) {
            return error(e.status(), e.code(), e.getMessage());
        } catch (LambdaException e) {
            if (e.code() == ErrorCode.REQUEST_ENTITY_TOO_LARGE) {
                discard.run();
                return error(413, "RequestEntityTooLargeException", e.getMessage());
            }
            return error(e.code().httpStatus(), e.code().code(), e.getMessage());
        } catch (RuntimeException | IOException | StackOverflowError | OutOfMemoryError e) {
            try {
                LOG.error("rest-json request {} failed", where, e);
            } catch (RuntimeException | Error logging) {
                // the client still gets its answer
            }
            return error(500, "InternalFailure", "Internal server error");
        }
    }

    private ApiResponse run(ApiRequest request, String endpoint) throws IOException {
        Caller caller = authenticator.authenticate(request);
        authorizer.authorize(caller, "apigateway:" + request.method(), resource(region, request.path()));
        RestJsonService service = ApiHandler.isNormal(request.path()) ? service(request.path()) : null;
        Map<String, List<String>> query = RestRoutes.query(request.rawQuery());
        Optional<RestRoutes.Match> match = service == null ? Optional.empty()
                : service.routes().match(request.method(), request.path(), query);
        if (match.isEmpty() || !service.operations().operations().contains(match.get().operation())) {
            throw unknown(match.map(RestRoutes.Match::operation));
        }
        String operation = match.get().operation();
        ServiceModel model = service.model();
        ObjectNode input = RestJsonDecoder.decode(model, operation, match.get().labels(), query,
                service.routes().literalQuery(operation).keySet(), request::header, request.body().readAllBytes());
        RestJsonValidator.validate(model, operation, input);
        JsonNode output;
        try {
            output = service.operations().handle(operation, input, endpoint);
        } catch (UnsupportedOperationException e) {
            throw unknown(Optional.of(operation));
        }
        return RestJsonEncoder.encode(model, operation, output);
    }

    /**
     * The IAM resource of a management request: its path in {@code arn:aws:apigateway:<region>::<path>},
     * without the {@code /v2} version prefix of HTTP APIs' paths ({@code /v2/apis/a1} is
     * {@code arn:aws:apigateway:us-east-1::/apis/a1}, as AWS names HTTP APIs' resources).
     */
    static String resource(Region region, String path) {
        String named = path.startsWith("/v2/") ? path.substring(3) : path;
        return "arn:aws:apigateway:" + region.name() + "::" + named;
    }

    private RestJsonService service(String path) {
        return services.stream().filter(s -> path.startsWith(s.pathPrefix())).findFirst().orElse(null);
    }

    private static ServiceException unknown(Optional<String> operation) {
        return new ServiceException("UnknownOperationException", Optional.empty(), 404, true,
                operation.map(o -> "The operation " + o + " is not supported by Lamina.")
                        .orElse("No operation matches the request's method and path."));
    }

    /** An error as rest-json sends it: the code in {@code x-amzn-ErrorType}, the message in the body. */
    static ApiResponse error(int status, String code, String message) {
        ObjectNode body = Json.object().put("message", message);
        return ApiResponse.json(status, Json.bytes(body)).withHeader("x-amzn-ErrorType", code);
    }
}
