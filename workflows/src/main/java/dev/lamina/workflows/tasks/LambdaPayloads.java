package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.workflows.data.StatesError;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** What goes to a function and what comes back, as Step Functions converts them. */
final class LambdaPayloads {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Error types of Lambda's own failures, which Step Functions reports as {@code Lambda.Unknown}. */
    private static final Set<String> PLATFORM_ERRORS = Set.of("Sandbox.Timedout", "Runtime.ExitError",
            "Runtime.OutOfMemory", "Runtime.Unknown");

    private LambdaPayloads() {
    }

    /**
     * The Payload parameter as the invocation's body: a string that is JSON text is sent as it is (so
     * {@code "[1]"} arrives as an array), any other string as a JSON string; a missing or null Payload
     * as {@code {}}; anything else as its JSON text.
     */
    static byte[] request(JsonNode payload) {
        String text;
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            text = "{}";
        } else if (payload.isTextual()) {
            text = parse(payload.textValue()).isPresent() ? payload.textValue() : payload.toString();
        } else {
            text = payload.toString();
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A function's response: its JSON value, or its text when it is not JSON. */
    static JsonNode response(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return parse(text).orElseGet(() -> TextNode.valueOf(text));
    }

    private static Optional<JsonNode> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * A function's failure as the task's: the error document's {@code errorType} as the error and the
     * document as the cause; Lambda's own failures (a timeout, a runtime that exited, no error type)
     * as {@code Lambda.Unknown}, as Step Functions reports them.
     *
     * @param compact lambda:invoke's causes are the document re-written as compact JSON (same member order);
     *                the function ARN form's are the text the function's runtime wrote
     */
    static StatesError failure(Invoker.Result result, boolean compact) {
        String text = new String(result.payload(), StandardCharsets.UTF_8);
        Optional<JsonNode> doc = parse(text).filter(JsonNode::isObject);
        Optional<String> type = doc.map(d -> d.path("errorType")).filter(JsonNode::isTextual).map(JsonNode::textValue);
        if (type.isEmpty() || PLATFORM_ERRORS.contains(type.get())) {
            return new StatesError("Lambda.Unknown", "The cause could not be determined because Lambda did not "
                    + "return an error type. Returned payload: " + text);
        }
        return new StatesError(type.get(), compact ? doc.orElseThrow().toString() : text);
    }

    /**
     * Lambda's API refusing the invocation, as the SDK v1 exception Step Functions reports
     * ({@code Lambda.ResourceNotFoundException}, {@code Lambda.AWSLambdaException} for errors the SDK
     * has no class for).
     *
     * @param unqualified whether the caller named no version or alias: AWS's message then names $LATEST
     */
    static StatesError apiError(LambdaException e, boolean unqualified) {
        ErrorCode code = e.code();
        String message = e.getMessage();
        if (unqualified && code == ErrorCode.RESOURCE_NOT_FOUND && message.startsWith("Function not found: arn:")
                && message.split(":").length == 8) {
            message = message + ":$LATEST";
        }
        String exception = modeled(code) ? code.code() : "AWSLambdaException";
        return TaskErrors.v1("Lambda", exception, "AWSLambda", code.httpStatus(), code.code(), message);
    }

    /** Whether Lambda's model (and so the SDK) has an exception class for this error. */
    static boolean modeled(ErrorCode code) {
        return code.code().endsWith("Exception") && !Set.of(ErrorCode.VALIDATION, ErrorCode.SERIALIZATION,
                ErrorCode.UNKNOWN_OPERATION, ErrorCode.MISSING_AUTHENTICATION_TOKEN, ErrorCode.UNRECOGNIZED_CLIENT,
                ErrorCode.INVALID_SIGNATURE, ErrorCode.INCOMPLETE_SIGNATURE, ErrorCode.EXPIRED_TOKEN,
                ErrorCode.ACCESS_DENIED, ErrorCode.NOT_IMPLEMENTED).contains(code);
    }
}
