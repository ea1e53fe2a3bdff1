package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.auth.Authenticator;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One service of AWS's JSON protocol ({@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}):
 * its target prefix (the model's {@code targetPrefix}, e.g. {@code Logs_20140328}), the authenticator
 * for its SigV4 signing name, the prefix of its IAM actions, and its operations.
 *
 * @param iamPrefix the service prefix of IAM actions ({@code logs} for {@code logs:GetLogEvents})
 */
public record JsonService(String targetPrefix, String iamPrefix, Authenticator authenticator,
                          Map<String, Operation> operations) {

    public JsonService(String targetPrefix, String iamPrefix, Authenticator authenticator, List<Operation> operations) {
        this(targetPrefix, iamPrefix, authenticator,
                operations.stream().collect(Collectors.toUnmodifiableMap(Operation::name, o -> o)));
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
    public record Operation(String name, long maxBodyBytes, Function<ObjectNode, String> resource, Handler handler) {
    }
}
