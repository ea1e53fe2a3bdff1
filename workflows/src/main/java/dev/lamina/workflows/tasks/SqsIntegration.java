package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.AccountId;
import dev.lamina.model.ServiceException;
import dev.lamina.sqs.api.SqsApi;
import dev.lamina.sqs.api.SqsCall;
import dev.lamina.workflows.data.StatesError;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code arn:aws:states:::sqs:sendMessage[.waitForTaskToken]}: SendMessage on Lamina's SQS. A MessageBody
 * that is not a string is sent as its JSON text; parameters SendMessage does not have are left out, as
 * AWS does. Errors as AWS's SDK v1 named them: {@code SQS.QueueDoesNotExistException}, and for errors it
 * had no class for {@code SQS.AmazonSQSException}, with the SDK's cause text.
 */
final class SqsIntegration implements Integration {
    private static final Set<String> MEMBERS = Set.of("QueueUrl", "MessageBody", "DelaySeconds", "MessageAttributes",
            "MessageDeduplicationId", "MessageGroupId", "MessageSystemAttributes");
    /** SQS's errors that SDK v1 had exception classes for, by query code. */
    private static final Map<String, String> V1_EXCEPTIONS = Map.of(
            "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExistException",
            "InvalidMessageContents", "InvalidMessageContentsException",
            "AWS.SimpleQueueService.UnsupportedOperation", "UnsupportedOperationException",
            "KmsAccessDenied", "KmsAccessDeniedException",
            "KmsDisabled", "KmsDisabledException");

    private final SqsApi sqs;
    private final AccountId account;

    SqsIntegration(SqsApi sqs, AccountId account) {
        this.sqs = sqs;
        this.account = account;
    }

    @Override
    public JsonNode run(TaskCall call, TaskListener listener) throws StatesError {
        listener.started();
        ObjectNode input = SdkMetadata.object();
        call.parameters().properties().forEach(e -> {
            if (MEMBERS.contains(e.getKey()) && !e.getValue().isNull()) {
                input.set(e.getKey(), e.getValue());
            }
        });
        JsonNode body = input.get("MessageBody");
        if (body != null && !body.isTextual()) {
            input.put("MessageBody", body.toString());
        }
        JsonNode url = input.path("QueueUrl");
        if (url.isTextual() && !url.textValue().startsWith("http://") && !url.textValue().startsWith("https://")) {
            throw new StatesError("SQS.SdkClientException", "Unable to execute HTTP request: " + url.textValue()
                    + ": Name or service not known");
        }
        JsonNode answer;
        try {
            answer = sqs.handle(new SqsCall("SendMessage", input, "http://localhost", account.id()));
        } catch (ServiceException e) {
            throw error(e);
        }
        String requestId = UUID.randomUUID().toString();
        ObjectNode out = answer.deepCopy();
        int length = answer.toString().getBytes(StandardCharsets.UTF_8).length;
        return SdkMetadata.add(out, SdkMetadata.json10(requestId, length), 200, requestId);
    }

    static StatesError error(ServiceException e) {
        String code = e.queryCodeOrCode();
        return TaskErrors.v1("SQS", V1_EXCEPTIONS.getOrDefault(code, "AmazonSQSException"), "AmazonSQS", e.status(),
                code, e.getMessage());
    }
}
