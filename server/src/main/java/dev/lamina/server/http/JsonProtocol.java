package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.ServiceException;
import dev.lamina.server.auth.Authorizer;
import dev.lamina.server.auth.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * AWS's JSON protocols (versions 1.0 and 1.1) for every service that speaks them: the request is {@code POST /}
 * with {@code X-Amz-Target: <targetPrefix>.<Operation>} and a JSON body; the answer is a JSON document,
 * or an error {@code {"__type": "<Code>", "message": "…"}} with AWS's status. The body is bounded by
 * the operation's limit, the signature checked with the service's own signing name, the input
 * validated against the service's model (for a service that opts in), the caller authorized for
 * {@code <iamPrefix>:<Operation>} on the resource the input names, and only then is the operation run.
 */
public final class JsonProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(JsonProtocol.class);
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final Map<String, JsonService> services;
    private final Authorizer authorizer;

    public JsonProtocol(List<JsonService> services, Authorizer authorizer) {
        this.services = services.stream().collect(Collectors.toUnmodifiableMap(JsonService::targetPrefix, s -> s));
        this.authorizer = authorizer;
    }

    /** Opens the request with its body bounded to {@code maxBodyBytes}; beyond, reading throws {@code tooLarge}. */
    @FunctionalInterface
    public interface Opener {
        ApiRequest open(long maxBodyBytes, LambdaException tooLarge);
    }

    /**
     * Answers one request; never throws, except a {@link VirtualMachineError} other than
     * StackOverflowError and OutOfMemoryError (the JVM is broken then). {@code discard} reads away the rest of a body that was
     * refused as too large, so that the client reads the answer.
     */
    public ApiResponse handle(String target, Opener opener, Runnable discard) {
        return handle(target, opener, discard, "");
    }

    /**
     * As {@link #handle(String, Opener, Runnable)}, for a request that reached Lamina at
     * {@code endpoint} ({@code http://<Host>}), which the operation may use for URLs that lead back here.
     */
    public ApiResponse handle(String target, Opener opener, Runnable discard, String endpoint) {
        JsonService service = service(target);
        try {
            return json(200, contentType(service), run(service, target, opener, endpoint));
        } catch (ServiceException e) {
            return error(service, e.code(), e.queryCodeOrCode(), e.senderFault(), e.status(), e.getMessage());
        } catch (JsonServiceException e) {
            // An unknown target is answered before its body is read: read it away (as for a body too
            // large), so that the connection stays usable for the client's next request.
            discard.run();
            return error(service, e.code(), e.code(), true, e.status(), e.getMessage());
        } catch (LambdaException e) {
            if (e.code() == ErrorCode.REQUEST_ENTITY_TOO_LARGE) {
                discard.run();
            }
            return error(service, e.code().code(), QueryErrors.queryCode(e), e.code().fault() == ErrorCode.Fault.CALLER,
                    e.code().httpStatus(), e.getMessage());
        } catch (RuntimeException | IOException e) {
            return failed(service, target, e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // One request's deep recursion or huge allocation: its stack is unwound and its garbage
            // freed by now, so the server goes on; the request gets AWS's 500, and the error one log line.
            return failed(service, target, e);
        } catch (VirtualMachineError e) {
            throw e; // InternalError, UnknownError: the JVM itself is broken
        } catch (Error e) {
            return failed(service, target, e); // an AssertionError, a LinkageError: one request's failure
        }
    }

    /** Logs the failure once and answers CloudWatch's 500; never throws (a failed log line is dropped). */
    private static ApiResponse failed(JsonService service, String target, Throwable e) {
        try {
            LOG.error("JSON-protocol request {} failed", printable(target), e);
        } catch (RuntimeException | Error logging) {
            // nothing more can be said; the client still gets its answer
        }
        return service != null && service.queryErrorTypes().isPresent()
                ? error(service, "InternalError", "InternalError", false, 500, "The service cannot complete the request.")
                : error(service, "ServiceUnavailableException", "ServiceUnavailable", false, 500,
                "The service cannot complete the request.");
    }

    /** The service a target's prefix names, if any. */
    private JsonService service(String target) {
        int dot = target.lastIndexOf('.');
        return dot < 0 ? null : services.get(target.substring(0, dot));
    }

    private JsonNode run(JsonService service, String target, Opener opener, String endpoint) throws IOException {
        int dot = target.lastIndexOf('.');
        JsonService.Operation op = service == null ? null : service.operations().get(target.substring(dot + 1));
        if (op == null) {
            throw new JsonServiceException("UnknownOperationException", "The operation "
                    + printable(target) + " is not known.");
        }
        String name = op.name();
        ApiRequest request = opener.open(op.maxBodyBytes(), new LambdaException(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                "Request must be smaller than " + op.maxBodyBytes() + " bytes for the " + name + " operation"));
        Caller caller = service.authenticator().authenticate(request);
        ObjectNode input = Json.readObject(request.body());
        if (service.validation().isPresent()) {
            RestJsonValidator.validate(service.validation().get(), name, input);
        }
        authorizer.authorize(caller, service.iamPrefix() + ":" + name, op.resource().apply(input));
        return op.call().handle(new ServiceCall(name, input, caller, endpoint));
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }

    static ApiResponse json(int status, String contentType, JsonNode body) {
        byte[] bytes = Json.bytes(body);
        return new ApiResponse(status, Map.of("Content-Type", contentType, "Content-Length",
                Integer.toString(bytes.length)), out -> out.write(bytes));
    }

    private static String contentType(JsonService service) {
        return service == null ? CONTENT_TYPE : service.contentType();
    }

    /**
     * An error as the service's protocol sends it: {@code {"__type": code, "message": …}} with
     * {@code x-amzn-ErrorType}; for an awsQueryCompatible service (SQS), {@code __type} is qualified
     * by the service's namespace ({@code com.amazonaws.sqs#QueueDoesNotExist}) and
     * {@code x-amzn-query-error: <queryCode>;Sender} (or {@code ;Receiver}) gives the query code,
     * which is what the SDKs report as the error code.
     */
    static ApiResponse error(JsonService service, String code, String queryCode, boolean senderFault, int status,
                             String message) {
        Optional<String> namespace = service == null ? Optional.empty() : service.queryErrorTypes();
        String type = namespace.map(ns -> ns + code).orElse(code);
        ApiResponse response = json(status, contentType(service), Json.object().put("__type", type).put("message", message))
                .withHeader("x-amzn-ErrorType", type);
        return namespace.isEmpty() ? response
                : response.withHeader("x-amzn-query-error", queryCode + (senderFault ? ";Sender" : ";Receiver"));
    }
}
