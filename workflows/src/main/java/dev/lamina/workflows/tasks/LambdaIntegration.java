package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.workflows.data.StatesError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code arn:aws:states:::lambda:invoke[.waitForTaskToken]} and the plain function ARN form. Both invoke
 * through Lamina's {@link Invoker}, synchronously, as Step Functions calls Lambda's Invoke.
 *
 * <p>lambda:invoke answers Invoke's output as AWS's SDK saw it: {@code ExecutedVersion}, {@code Payload}
 * (the response parsed as JSON, or its text), {@code SdkHttpMetadata}, {@code SdkResponseMetadata},
 * {@code StatusCode} (and {@code LogResult} with LogType Tail). The function ARN form answers the response
 * itself. InvocationType Event accepts the invocation (202) and runs it on a thread of its own: unlike
 * Lambda's asynchronous queue, such an event is not kept across a restart of Lamina.
 */
final class LambdaIntegration implements Integration {
    private final FunctionCalls functions;
    private final Region region;
    private final AccountId account;
    private final boolean errorsInOutput;

    LambdaIntegration(FunctionCalls functions, Region region, AccountId account) {
        this(functions, region, account, false);
    }

    /**
     * @param errorsInOutput as SDK v2 (aws-sdk:lambda:invoke) answers: a function's error is
     *                       {@code FunctionError} in the output, not the task's failure
     */
    LambdaIntegration(FunctionCalls functions, Region region, AccountId account, boolean errorsInOutput) {
        this.functions = functions;
        this.region = region;
        this.account = account;
        this.errorsInOutput = errorsInOutput;
    }

    /** This integration as aws-sdk:lambda:invoke runs it. */
    LambdaIntegration sdkForm() {
        return new LambdaIntegration(functions, region, account, true);
    }

    @Override
    public JsonNode run(TaskCall call, TaskListener listener) throws StatesError, InterruptedException {
        listener.started();
        if (call.resource().kind() == TaskResource.Kind.LAMBDA_FUNCTION) {
            return function(call);
        }
        return invoke(call.parameters());
    }

    /** The plain ARN form: the effective input is the event; the response is the result. */
    private JsonNode function(TaskCall call) throws StatesError, InterruptedException {
        FunctionRef ref = ref(call.resource().arn());
        byte[] event = call.parameters().toString().getBytes(StandardCharsets.UTF_8);
        Invoker.Result result = call(ref, ref.qualifier(), event, Optional.empty(), false, false);
        return LambdaPayloads.response(result.payload());
    }

    /** lambda:invoke with Invoke's parameters; also the aws-sdk:lambda:invoke form's core. */
    JsonNode invoke(JsonNode parameters) throws StatesError, InterruptedException {
        JsonNode name = parameters.path("FunctionName");
        if (!name.isTextual()) {
            throw TaskErrors.v1("Lambda", "AWSLambdaException", "AWSLambda", 400, "ValidationException",
                    "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: "
                            + "Member must not be null");
        }
        FunctionRef ref = ref(name.textValue());
        Optional<Qualifier> qualifier;
        try {
            qualifier = ref.qualifierWith(text(parameters, "Qualifier").map(Qualifier::parse));
        } catch (IllegalArgumentException e) {
            throw TaskErrors.v1("Lambda", "AWSLambdaException", "AWSLambda", 400, "ValidationException",
                    "1 validation error detected: Value '" + text(parameters, "Qualifier").orElse("")
                            + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression "
                            + "pattern: (|[a-zA-Z0-9$_-]+)");
        } catch (LambdaException e) {
            throw LambdaPayloads.apiError(e, false);
        }
        byte[] payload = LambdaPayloads.request(parameters.get("Payload"));
        Optional<String> clientContext = text(parameters, "ClientContext").map(LambdaIntegration::decode);
        boolean tail = text(parameters, "LogType").filter("Tail"::equals).isPresent();
        String type = text(parameters, "InvocationType").orElse("RequestResponse");
        return switch (type) {
            case "Event" -> event(ref, qualifier, payload, clientContext);
            case "DryRun" -> {
                check(ref, qualifier);
                yield answer(TextNode.valueOf(""), 204, Optional.empty(), Optional.empty(), 0, UUID.randomUUID().toString());
            }
            case "RequestResponse" -> {
                Invoker.Result result = call(ref, qualifier, payload, clientContext, tail, true);
                ObjectNode out = answer(LambdaPayloads.response(result.payload()), 200,
                        Optional.of(result.executedVersion()), result.logTail(), result.payload().length, result.requestId());
                result.functionError().ifPresent(e -> out.put("FunctionError", e));
                yield out;
            }
            default -> throw TaskErrors.v1("Lambda", "AWSLambdaException", "AWSLambda", 400, "ValidationException",
                    "1 validation error detected: Value '" + type + "' at 'invocationType' failed to satisfy "
                            + "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        };
    }

    /** InvocationType Event: checked now, run later; the answer is Lambda's 202. */
    private JsonNode event(FunctionRef ref, Optional<Qualifier> qualifier, byte[] payload, Optional<String> clientContext)
            throws StatesError {
        check(ref, qualifier);
        String requestId = UUID.randomUUID().toString();
        Invoker.Request request = new Invoker.Request(requestId, ref, qualifier, payload, clientContext, false,
                Optional.empty(), true, Optional.of(java.time.Instant.now()));
        Thread.ofVirtual().name("sfn-lambda-event-" + requestId).start(() -> {
            try {
                functions.invoke(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // As with an event Lambda accepted: the caller is not told what became of it.
            }
        });
        return answer(TextNode.valueOf(""), 202, Optional.empty(), Optional.empty(), 0, requestId);
    }

    private void check(FunctionRef ref, Optional<Qualifier> qualifier) throws StatesError {
        try {
            functions.check(ref, qualifier);
        } catch (LambdaException e) {
            throw LambdaPayloads.apiError(e, qualifier.isEmpty());
        }
    }

    /** One synchronous invocation; a function's failure and Lambda's refusal become the task's failure. */
    private Invoker.Result call(FunctionRef ref, Optional<Qualifier> qualifier, byte[] payload,
                                Optional<String> clientContext, boolean tail, boolean compactCause)
            throws StatesError, InterruptedException {
        Invoker.Result result;
        try {
            result = functions.invoke(new Invoker.Request(UUID.randomUUID().toString(), ref, qualifier, payload,
                    clientContext, tail, Optional.empty()));
        } catch (LambdaException e) {
            throw LambdaPayloads.apiError(e, qualifier.isEmpty());
        }
        if (result.functionError().isPresent() && !errorsInOutput) {
            throw LambdaPayloads.failure(result, compactCause);
        }
        return result;
    }

    private FunctionRef ref(String name) throws StatesError {
        try {
            return FunctionRef.parse(name, region, account);
        } catch (LambdaException e) {
            throw LambdaPayloads.apiError(e, false);
        }
    }

    /** Invoke's output with the HTTP metadata AWS's SDK recorded. */
    static ObjectNode answer(JsonNode payload, int status, Optional<String> executedVersion, Optional<String> logResult,
                             int length, String requestId) {
        ObjectNode out = SdkMetadata.object();
        executedVersion.ifPresent(v -> out.put("ExecutedVersion", v));
        logResult.ifPresent(l -> out.put("LogResult", l));
        out.set("Payload", payload);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Connection", "keep-alive");
        headers.put("Content-Length", Integer.toString(length));
        headers.put("Content-Type", "application/json");
        headers.put("Date", SdkMetadata.date());
        executedVersion.ifPresent(v -> headers.put("X-Amz-Executed-Version", v));
        logResult.ifPresent(l -> headers.put("X-Amz-Log-Result", l));
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24) + ";Sampled=0;Lineage=1");
        SdkMetadata.add(out, headers, status, requestId);
        out.put("StatusCode", status);
        return out;
    }

    private static Optional<String> text(JsonNode parameters, String member) {
        JsonNode v = parameters.get(member);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** ClientContext is base64 of a JSON document; the invoker wants the document. */
    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }
}
