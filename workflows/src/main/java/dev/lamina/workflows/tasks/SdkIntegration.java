package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.api.EventsApi;
import dev.lamina.model.AccountId;
import dev.lamina.model.ServiceException;
import dev.lamina.sqs.api.SqsApi;
import dev.lamina.sqs.api.SqsCall;
import dev.lamina.workflows.api.StatesApi;
import dev.lamina.workflows.data.StatesError;

import java.util.Set;

/**
 * {@code arn:aws:states:::aws-sdk:<service>:<action>} for the services Lamina hosts: {@code sqs},
 * {@code eventbridge}, {@code sfn} (Step Functions itself) and {@code lambda} ({@code invoke}). The
 * Parameters are the operation's input with PascalCase member names; the result is its output, likewise
 * named, without SDK metadata. Errors are named as SDK v2 names them: {@code Sqs.QueueDoesNotExistException},
 * {@code Sfn.InvalidTokenException}, and the service's base exception ({@code Sqs.SqsException}) for
 * errors its model has no shape for. Services Lamina does not host (s3 until it does) are not supported.
 */
final class SdkIntegration implements Integration {
    static final Set<String> SERVICES = Set.of("sqs", "eventbridge", "sfn", "lambda");
    /** SQS errors that are not error shapes of its JSON model (the SDK throws SqsException for them). */
    private static final Set<String> SQS_UNMODELED = Set.of("MissingParameter", "InvalidParameterValue",
            "InvalidParameterCombination", "ValidationError", "AccessDenied", "MalformedQueryString");
    private static final Set<String> SFN_OPERATIONS = SdkNames.operations(StatesApi.MODEL);

    private final SqsApi sqs;
    private final EventsApi events;
    private final StatesCalls states;
    private final LambdaIntegration lambda;
    private final AccountId account;

    SdkIntegration(SqsApi sqs, EventsApi events, StatesCalls states, LambdaIntegration lambda, AccountId account) {
        this.sqs = sqs;
        this.events = events;
        this.states = states;
        this.lambda = lambda.sdkForm();
        this.account = account;
    }

    /** Whether {@code service}'s {@code action} is one this runs. */
    boolean supports(String service, String action) {
        String op = SdkNames.operation(action);
        return switch (service) {
            case "sqs" -> sqs.operations().contains(op);
            case "eventbridge" -> events.operations().contains(op);
            case "sfn" -> SFN_OPERATIONS.contains(op);
            case "lambda" -> op.equals("Invoke");
            default -> false;
        };
    }

    @Override
    public JsonNode run(TaskCall call, TaskListener listener) throws StatesError, InterruptedException {
        listener.started();
        String service = call.resource().service();
        String op = SdkNames.operation(call.resource().action());
        JsonNode parameters = call.parameters().isObject() ? call.parameters() : SdkMetadata.object();
        return switch (service) {
            case "sqs" -> sqs(op, (ObjectNode) parameters.deepCopy());
            case "eventbridge" -> eventbridge(op, (ObjectNode) parameters.deepCopy());
            case "sfn" -> sfn(op, (ObjectNode) parameters.deepCopy());
            case "lambda" -> lambda(parameters);
            default -> throw new StatesError("States.Runtime", "The resource provided " + call.resource().arn()
                    + " is not recognized. The value is not a valid resource ARN, or the resource is not available in "
                    + "this region.");
        };
    }

    private JsonNode sqs(String op, ObjectNode input) throws StatesError {
        try {
            return sqs.handle(new SqsCall(op, input, "http://localhost", account.id()));
        } catch (ServiceException e) {
            throw TaskErrors.v2("Sqs", e, !SQS_UNMODELED.contains(e.code()));
        }
    }

    private JsonNode eventbridge(String op, ObjectNode input) throws StatesError {
        try {
            return events.handle(op, input);
        } catch (ServiceException e) {
            throw TaskErrors.v2("EventBridge", e, e.code().endsWith("Exception"));
        }
    }

    /** Step Functions' model has camelCase members; Input and Output given as JSON are sent as their text. */
    private JsonNode sfn(String op, ObjectNode input) throws StatesError {
        for (String member : new String[]{"Input", "Output"}) {
            JsonNode v = input.get(member);
            if (v != null && !v.isTextual() && !v.isNull()) {
                input.put(member, v.toString());
            }
        }
        JsonNode answer;
        try {
            answer = states.call(op, (ObjectNode) SdkNames.rename(input, SdkNames::lowerFirst));
        } catch (ServiceException e) {
            throw TaskErrors.v2("Sfn", e, e.status() < 500);
        }
        JsonNode out = SdkNames.rename(answer, SdkNames::operation);
        SdkNames.datesAsText(out);
        return out;
    }

    /** Invoke's output as SDK v2 gives it: a function's error is FunctionError in the output, not a failure. */
    private JsonNode lambda(JsonNode parameters) throws StatesError, InterruptedException {
        ObjectNode out;
        try {
            out = (ObjectNode) lambda.invoke(parameters);
        } catch (StatesError e) {
            throw new StatesError(e.error().replace("AWSLambdaException", "LambdaException"), e.cause());
        }
        out.remove("SdkHttpMetadata");
        out.remove("SdkResponseMetadata");
        return out;
    }
}
