package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.Engine;
import dev.lamina.sqs.Md5;
import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.ReceivedMessage;
import dev.lamina.sqs.SqsErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.lamina.sqs.api.SqsOperations.JSON;

/** ReceiveMessage: limits checked, long polling, and the attribute filters applied to each message. */
final class ReceiveOps {
    private final Engine engine;

    ReceiveOps(Engine engine) {
        this.engine = engine;
    }

    void register(Map<String, SqsOperations.Operation> ops) {
        ops.put("ReceiveMessage", call -> {
            String queue = SqsOperations.queue(engine, call.input());
            int max = Input.integer(call.input(), "MaxNumberOfMessages").orElse(1);
            if (max < 1 || max > 10) {
                throw SqsErrors.invalidValue("MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
            }
            Optional<Integer> visibility = Input.integer(call.input(), "VisibilityTimeout");
            visibility.ifPresent(v -> {
                if (v < 0 || v > 43_200) {
                    throw SqsErrors.invalidValue("VisibilityTimeout", v, "Must be between 0 and 43200, if provided.");
                }
            });
            Optional<Integer> wait = Input.integer(call.input(), "WaitTimeSeconds");
            wait.ifPresent(w -> {
                if (w < 0 || w > 20) {
                    throw SqsErrors.invalidValue("WaitTimeSeconds", w, "Must be >= 0 and <= 20, if provided.");
                }
            });
            Input.optional(call.input(), "ReceiveRequestAttemptId").ifPresent(id -> {
                if (!id.matches("[\\p{Alnum}\\p{Punct}]{1,128}")) {
                    throw SqsErrors.invalidValue("ReceiveRequestAttemptId", id,
                            "ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
                }
            });
            List<String> system = new ArrayList<>(Input.strings(call.input(), "AttributeNames"));
            system.addAll(Input.strings(call.input(), "MessageSystemAttributeNames"));
            List<String> user = Input.strings(call.input(), "MessageAttributeNames");
            long waitMillis = 1000L * wait.orElseGet(() -> engine.receiveWaitSeconds(queue));
            List<ReceivedMessage> messages = engine.deliveries().receive(queue, max, visibility, waitMillis);
            ObjectNode out = JSON.objectNode();
            if (!messages.isEmpty()) {
                ArrayNode list = out.putArray("Messages");
                messages.forEach(m -> render(list.addObject(), m, system, user));
            }
            return out;
        });
    }

    private static void render(ObjectNode out, ReceivedMessage m, List<String> system, List<String> user) {
        out.put("MessageId", m.messageId());
        out.put("ReceiptHandle", m.receiptHandle());
        out.put("MD5OfBody", m.md5OfBody());
        out.put("Body", m.body());
        ObjectNode attributes = JSON.objectNode();
        m.attributes().forEach((k, v) -> {
            if (system.contains("All") || system.contains(k)) {
                attributes.put(k, v);
            }
        });
        if (!attributes.isEmpty()) {
            out.set("Attributes", attributes);
        }
        // The SDKs check MD5OfMessageAttributes against the attributes returned, so it covers the selection.
        Map<String, MessageAttribute> selected = new TreeMap<>();
        m.messageAttributes().forEach((k, v) -> {
            if (MessageAttributes.selected(k, user)) {
                selected.put(k, v);
            }
        });
        if (!selected.isEmpty()) {
            out.put("MD5OfMessageAttributes", Md5.ofAttributes(selected).orElseThrow());
            out.set("MessageAttributes", MessageAttributes.render(selected, List.of("All")));
        }
    }
}
