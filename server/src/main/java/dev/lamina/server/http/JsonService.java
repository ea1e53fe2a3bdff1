package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.auth.Authenticator;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One service of AWS's JSON protocol ({@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}):
 * its target prefix (the model's {@code targetPrefix}, e.g. {@code Logs_20140328}), the authenticator
 * for its SigV4 signing name, the prefix of its IAM actions, its operations, and how its answers
 * look on the wire.
 *
 * @param iamPrefix       the service prefix of IAM actions ({@code logs} for {@code logs:GetLogEvents})
 * @param contentType     {@code application/x-amz-json-1.1} (CloudWatch Logs) or {@code -1.0} (SQS)
 * @param queryErrorTypes present for a model that is {@code awsQueryCompatible} (SQS): the Smithy
 *                        namespace its errors' {@code __type} carries ({@code com.amazonaws.sqs#}); its
 *                        errors then also carry {@code x-amzn-query-error: <query code>;Sender|Receiver},
 *                        which the SDKs read as the error code
 * @param validation      present when each input is checked against the service's model before its
 *                        operation runs (opt-in: {@link #validated})
 */
public record JsonService(String targetPrefix, String iamPrefix, Authenticator authenticator,
                          Map<String, Operation> operations, String contentType, Optional<String> queryErrorTypes,
                          Optional<InputValidation> validation) {

    public JsonService(String targetPrefix, String iamPrefix, Authenticator authenticator,
                       Map<String, Operation> operations, String contentType, Optional<String> queryErrorTypes) {
        this(targetPrefix, iamPrefix, authenticator, operations, contentType, queryErrorTypes, Optional.empty());
    }

    /**
     * This service, with every request's input validated as {@code validation} says before it is
     * authorized and run (required, enum, pattern, min/max, JSON types): AWS's validation errors.
     */
    public JsonService validated(InputValidation validation) {
        return new JsonService(targetPrefix, iamPrefix, authenticator, operations, contentType, queryErrorTypes,
                Optional.of(validation));
    }

    /** A JSON 1.1 service whose errors are plain codes (CloudWatch Logs). */
    public JsonService(String targetPrefix, String iamPrefix, Authenticator authenticator, List<Operation> operations) {
        this(targetPrefix, iamPrefix, authenticator, byName(operations), JsonProtocol.CONTENT_TYPE, Optional.empty());
    }

    /**
     * A service described by its model: the {@code operations} of the model it answers, each with
     * {@code maxBodyBytes}, its IAM resource from {@code resource} and run by {@code handler}.
     */
    public static JsonService of(ServiceModel model, java.util.Set<String> operations, String iamPrefix,
                                 Authenticator authenticator, long maxBodyBytes,
                                 java.util.function.BiFunction<String, ObjectNode, String> resource,
                                 ServiceCall.Handler handler, Optional<String> errorNamespace) {
        List<Operation> served = model.operations().stream().filter(operations::contains)
                .map(name -> new Operation(name, maxBodyBytes, in -> resource.apply(name, in), handler))
                .toList();
        return new JsonService(model.targetPrefix().orElseThrow(() -> new IllegalStateException("no targetPrefix")),
                iamPrefix, authenticator, byName(served), model.jsonContentType(),
                model.awsQueryCompatible() ? errorNamespace.map(ns -> ns + "#") : Optional.empty());
    }

    private static Map<String, Operation> byName(List<Operation> operations) {
        return operations.stream().collect(Collectors.toUnmodifiableMap(Operation::name, o -> o));
    }

    /** Runs one operation on its parsed input and answers its output document. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(ObjectNode input) throws IOException;
    }

    /**
     * @param maxBodyBytes the largest request body accepted; larger ones are refused unread
     * @param resource     the IAM resource (an ARN, or {@code *}) a request with this input acts on
     */
    public record Operation(String name, long maxBodyBytes, Function<ObjectNode, String> resource,
                            ServiceCall.Handler call) {

        /** An operation that needs its input alone. */
        public Operation(String name, long maxBodyBytes, Function<ObjectNode, String> resource, Handler handler) {
            this(name, maxBodyBytes, resource, (ServiceCall.Handler) call -> handler.handle(call.input()));
        }
    }
}
