package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.Engine;
import dev.lamina.sqs.SqsErrors;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.lamina.sqs.api.SqsOperations.JSON;

/** GetQueueAttributes, SetQueueAttributes, and AddPermission/RemovePermission, which edit the Policy attribute. */
final class AttributeOps {
    static final Set<String> NAMES = Set.of("All", "Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod",
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp", "LastModifiedTimestamp",
            "QueueArn", "ApproximateNumberOfMessagesDelayed", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy",
            "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "RedriveAllowPolicy", "SqsManagedSseEnabled");
    static final Set<String> FIFO_NAMES = Set.of("FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");

    private final Engine engine;

    AttributeOps(Engine engine) {
        this.engine = engine;
    }

    void register(Map<String, SqsOperations.Operation> ops) {
        ops.put("GetQueueAttributes", call -> {
            String name = SqsOperations.queue(engine, call.input());
            List<String> wanted = Input.strings(call.input(), "AttributeNames");
            boolean fifo = name.endsWith(".fifo");
            for (String w : wanted) {
                if (!NAMES.contains(w) && !(fifo && FIFO_NAMES.contains(w))) {
                    throw SqsErrors.invalidAttributeName(w);
                }
            }
            ObjectNode out = JSON.objectNode();
            if (wanted.isEmpty()) {
                return out;
            }
            Map<String, String> all = engine.attributes(name);
            ObjectNode attributes = out.putObject("Attributes");
            all.forEach((k, v) -> {
                if (wanted.contains("All") || wanted.contains(k)) {
                    attributes.put(k, v);
                }
            });
            return out;
        });
        ops.put("SetQueueAttributes", call -> {
            String name = SqsOperations.queue(engine, call.input());
            if (!call.input().has("Attributes")) {
                throw SqsErrors.missingParameter("Attributes");
            }
            engine.setAttributes(name, Input.stringMap(call.input(), "Attributes"));
            return JSON.objectNode();
        });
        ops.put("AddPermission", call -> {
            String name = SqsOperations.queue(engine, call.input());
            String label = Input.required(call.input(), "Label");
            List<String> accounts = Input.strings(call.input(), "AWSAccountIds");
            List<String> actions = Input.strings(call.input(), "Actions");
            if (accounts.isEmpty()) {
                throw SqsErrors.missingParameter("AWSAccountIds");
            }
            if (actions.isEmpty()) {
                throw SqsErrors.missingParameter("Actions");
            }
            String policy = engine.attributes(name).getOrDefault("Policy", "");
            engine.setAttributes(name, Map.of("Policy", Permissions.add(policy, engine.arn(name), label, accounts, actions)));
            return JSON.objectNode();
        });
        ops.put("RemovePermission", call -> {
            String name = SqsOperations.queue(engine, call.input());
            String label = Input.required(call.input(), "Label");
            String policy = engine.attributes(name).getOrDefault("Policy", "");
            engine.setAttributes(name, Map.of("Policy", Permissions.remove(policy, label)));
            return JSON.objectNode();
        });
    }
}
