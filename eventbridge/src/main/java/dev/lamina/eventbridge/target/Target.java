package dev.lamina.eventbridge.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a rule or a schedule delivers, as both models spell a target (EventBridge's {@code Target},
 * Scheduler's {@code Target}: the same member names for what Lamina delivers). The ARN and RoleArn
 * are not checked for existence when the target is set (as AWS): they are used when delivering.
 *
 * @param id                   the rule target's Id; a schedule's target has none (empty string)
 * @param arn                  a Lambda function (any qualifier), an SQS queue, an event bus, a state machine
 * @param input                Input: delivered instead of the event, as is
 * @param inputPath            InputPath: the part of the event delivered
 * @param messageGroupId       SqsParameters.MessageGroupId, for a FIFO queue
 * @param eventBridgeParameters Scheduler's EventBridgeParameters (DetailType, Source) for a bus target
 * @param deadLetterArn        DeadLetterConfig.Arn: the SQS queue that takes what could not be delivered
 * @param document             the target exactly as the caller set it (model member names), which
 *                             ListTargetsByRule and GetSchedule answer
 */
public record Target(String id, String arn, Optional<String> roleArn, Optional<String> input,
                     Optional<String> inputPath, Optional<InputTransformer> inputTransformer,
                     Optional<String> messageGroupId, Optional<EventBridgeParameters> eventBridgeParameters,
                     Optional<String> deadLetterArn, RetryPolicy retryPolicy, ObjectNode document) {

    public record EventBridgeParameters(String detailType, String source) {
    }

    public Target {
        Objects.requireNonNull(id);
        Objects.requireNonNull(arn);
        Objects.requireNonNull(roleArn);
        Objects.requireNonNull(input);
        Objects.requireNonNull(inputPath);
        Objects.requireNonNull(inputTransformer);
        Objects.requireNonNull(messageGroupId);
        Objects.requireNonNull(eventBridgeParameters);
        Objects.requireNonNull(deadLetterArn);
        Objects.requireNonNull(retryPolicy);
        document = document.deepCopy();
    }

    /**
     * The target a model document describes (members already checked against the model: required
     * members present, lengths and ranges in bounds). Members Lamina does not deliver with are kept
     * in {@link #document} only.
     */
    public static Target of(JsonNode doc) {
        Optional<InputTransformer> transformer = Optional.ofNullable(doc.get("InputTransformer")).map(t -> {
            Map<String, String> paths = new LinkedHashMap<>();
            t.path("InputPathsMap").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue().asText()));
            return new InputTransformer(paths, t.path("InputTemplate").asText());
        });
        JsonNode retry = doc.path("RetryPolicy");
        RetryPolicy policy = new RetryPolicy(
                retry.path("MaximumRetryAttempts").asInt(RetryPolicy.DEFAULT.maximumRetryAttempts()),
                Duration.ofSeconds(retry.path("MaximumEventAgeInSeconds")
                        .asLong(RetryPolicy.DEFAULT.maximumEventAge().toSeconds())));
        Optional<EventBridgeParameters> bus = Optional.ofNullable(doc.get("EventBridgeParameters"))
                .map(p -> new EventBridgeParameters(p.path("DetailType").asText(), p.path("Source").asText()));
        ObjectNode copy = doc instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        return new Target(doc.path("Id").asText(""), doc.path("Arn").asText(), text(doc, "RoleArn"),
                text(doc, "Input"), text(doc, "InputPath"), transformer,
                text(doc.path("SqsParameters"), "MessageGroupId"), bus,
                text(doc.path("DeadLetterConfig"), "Arn"), policy, copy);
    }

    private static Optional<String> text(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
