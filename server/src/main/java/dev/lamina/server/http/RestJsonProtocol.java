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
 * AWS's rest-json protocol, driven by the services' models; one instance per signing name: API
 * Gateway's control planes (REST APIs, {@code apigateway}, and HTTP APIs, {@code apigatewayv2} under
 * {@code /v2/}, both signed for {@code apigateway}) and EventBridge Scheduler ({@code scheduler}).
 * In order: the body is bounded; the signature is checked; the method and path find the operation
 * ({@link RestRoutes}); the request becomes its input ({@link RestJsonDecoder}); the caller is
 * authorized as its {@link Dialect} says (API Gateway: {@code apigateway:<METHOD>} on
 * {@code arn:aws:apigateway:<region>::<path>}, before routing, since its management permissions name
 * the HTTP method and the path, not the operation; Scheduler: {@code scheduler:<Operation>} on the
 * resource the input names); the input is validated ({@link RestJsonValidator}, under the dialect's
 * error code); only then does it run, and its output is rendered ({@link RestJsonEncoder}). Errors
 * are {@code x-amzn-ErrorType: <Code>} with the message in the body under the key the service's
 * error shapes use ({@code message} for API Gateway, {@code Message} for Scheduler), which the
 * SDKs and the CLI read; an operation Lamina does not serve is a 404 UnknownOperationException,
 * never a 500.
 */
public final class RestJsonProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(RestJsonProtocol.class);
    /** API Gateway's largest request: an imported OpenAPI document (ImportRestApi, PutRestApi, ImportApi). */
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    /**
     * What differs between the services of this protocol.
     *
     * @param iamPrefix      the service prefix of IAM actions ({@code apigateway}, {@code scheduler})
     * @param byPath         present for API Gateway: actions are {@code <iamPrefix>:<METHOD>} on
     *                       {@code arn:aws:apigateway:<region>::<path>}, decided before routing; empty:
     *                       {@code <iamPrefix>:<Operation>} on the service's resource for the input
     * @param validationCode the code of a 400 for input the model refuses ({@code BadRequestException},
     *                       {@code ValidationException})
     * @param messageKey     the body key of an error's message ({@code message}, {@code Message})
     */
    public record Dialect(String iamPrefix, Optional<Region> byPath, String validationCode, String messageKey) {
        /** API Gateway's management APIs, v1 and v2. */
        public static Dialect apiGateway(Region region) {
            return new Dialect("apigateway", Optional.of(region), "BadRequestException", "message");
        }

        /** A service whose IAM actions name the operation ({@code scheduler:CreateSchedule}). */
        public static Dialect byOperation(String iamPrefix, String validationCode, String messageKey) {
            return new Dialect(iamPrefix, Optional.empty(), validationCode, messageKey);
        }
    }

    private final List<RestJsonService> services;
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final Dialect dialect;

    /** API Gateway's control planes. @param authenticator verifies signatures made for {@code apigateway} */
    public RestJsonProtocol(List<RestJsonService> services, Authenticator authenticator, Authorizer authorizer,
                            Region region) {
        this(services, authenticator, authorizer, Dialect.apiGateway(region));
    }

    /** @param authenticator verifies signatures made for the services' signing name */
    public RestJsonProtocol(List<RestJsonService> services, Authenticator authenticator, Authorizer authorizer,
                            Dialect dialect) {
        this.services = services.stream().sorted(Comparator.comparingInt((RestJsonService s) -> -s.pathPrefix().length()))
                .toList();
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.dialect = dialect;
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
        if (dialect.byPath().isPresent()) {
            authorizer.authorize(caller, dialect.iamPrefix() + ":" + request.method(),
                    resource(dialect.byPath().get(), request.path()));
        }
        RestJsonService service = ApiHandler.isNormal(request.path()) ? service(request.path()) : null;
        Map<String, List<String>> query = RestRoutes.query(request.rawQuery());
        Optional<RestRoutes.Match> match = service == null ? Optional.empty()
                : service.routes().match(request.method(), request.path(), query);
        if (match.isEmpty() || !service.operations().names().contains(match.get().operation())) {
            throw unknown(match.map(RestRoutes.Match::operation));
        }
        String operation = match.get().operation();
        ServiceModel model = service.model();
        ObjectNode input;
        try {
            input = RestJsonDecoder.decode(model, operation, match.get().labels(), query,
                    service.routes().literalQuery(operation).keySet(), request::header, request.body().readAllBytes());
        } catch (ServiceException e) {
            // the decoder speaks API Gateway's BadRequestException; each service refuses input its own way
            throw new ServiceException(dialect.validationCode(), Optional.empty(), e.status(), true, e.getMessage());
        }
        if (dialect.byPath().isEmpty()) {
            authorizer.authorize(caller, dialect.iamPrefix() + ":" + operation,
                    service.operations().resource().apply(operation, input));
        }
        RestJsonValidator.validate(model, operation, input, dialect.validationCode());
        JsonNode output;
        try {
            output = service.operations().handler().handle(operation, input, endpoint);
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

    /** An error in this protocol's dialect. */
    private ApiResponse error(int status, String code, String message) {
        return error(status, code, message, dialect.messageKey());
    }

    /** An error as rest-json sends it: the code in {@code x-amzn-ErrorType}, the message in the body. */
    static ApiResponse error(int status, String code, String message, String messageKey) {
        ObjectNode body = Json.object().put(messageKey, message);
        return ApiResponse.json(status, Json.bytes(body)).withHeader("x-amzn-ErrorType", code);
    }
}
