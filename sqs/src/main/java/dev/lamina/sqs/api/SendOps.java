package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.sqs.Deliveries;
import dev.lamina.sqs.Engine;
import dev.lamina.sqs.Md5;
import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.OutgoingMessage;
import dev.lamina.sqs.SqsErrors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static dev.lamina.sqs.api.SqsOperations.JSON;

/** SendMessage and SendMessageBatch; answered once the messages are on disk. */
final class SendOps {
    static final int MAX_BATCH_BYTES = 1_048_576;

    private final Engine engine;

    SendOps(Engine engine) {
        this.engine = engine;
    }

    void register(Map<String, SqsOperations.Operation> ops) {
        ops.put("SendMessage", call -> {
            String queue = SqsOperations.queue(engine, call.input());
            Entry entry = entry(call.input());
            Deliveries.Sent sent = engine.deliveries().send(queue, entry.message, entry.traceHeader, call.senderId());
            BatchEntries.await(List.of(sent.durable()));
            ObjectNode out = JSON.objectNode();
            result(out, sent, entry);
            return out;
        });
        ops.put("SendMessageBatch", call -> {
            String queue = SqsOperations.queue(engine, call.input());
            List<ObjectNode> entries = Input.objects(call.input(), "Entries");
            BatchEntries.check(entries, "SendMessageBatchRequestEntry");
            long total = 0;
            for (ObjectNode e : entries) {
                total += e.path("MessageBody").asText("").getBytes(StandardCharsets.UTF_8).length
                        + attributesSize(e);
            }
            if (total > MAX_BATCH_BYTES) {
                throw SqsErrors.batchTooLong(MAX_BATCH_BYTES, total);
            }
            ObjectNode out = JSON.objectNode();
            ArrayNode successful = out.putArray("Successful");
            ArrayNode failed = out.putArray("Failed");
            List<CompletableFuture<Void>> durable = new ArrayList<>();
            for (ObjectNode e : entries) {
                String id = e.get("Id").asText();
                try {
                    Entry entry = entry(e);
                    Deliveries.Sent sent = engine.deliveries().send(queue, entry.message, entry.traceHeader, call.senderId());
                    durable.add(sent.durable());
                    result(successful.addObject().put("Id", id), sent, entry);
                } catch (ServiceException x) {
                    if (x.code().equals("QueueDoesNotExist")) {
                        throw x;
                    }
                    BatchEntries.fail(failed, id, x);
                }
            }
            BatchEntries.await(durable);
            return out;
        });
    }

    private record Entry(OutgoingMessage message, Optional<String> traceHeader, Optional<String> md5OfSystemAttributes) {
    }

    private static Entry entry(JsonNode in) {
        String body = Input.required(in, "MessageBody");
        Optional<Integer> delay = Input.integer(in, "DelaySeconds");
        delay.ifPresent(d -> {
            if (d < 0 || d > 900) {
                throw SqsErrors.invalidValue("DelaySeconds", d, "DelaySeconds must be >= 0 and <= 900.");
            }
        });
        Map<String, MessageAttribute> attributes = MessageAttributes.parse(in.get("MessageAttributes"));
        Map<String, MessageAttribute> system = MessageAttributes.parse(in.get("MessageSystemAttributes"));
        Optional<String> trace = Optional.empty();
        for (Map.Entry<String, MessageAttribute> s : system.entrySet()) {
            if (!s.getKey().equals("AWSTraceHeader")) {
                throw SqsErrors.invalidParameterValue("Message system attribute name '" + s.getKey() + "' is invalid.");
            }
            if (!s.getValue().dataType().equals("String") || s.getValue().stringValue().isEmpty()) {
                throw SqsErrors.invalidParameterValue("Message system attribute 'AWSTraceHeader' must have the data type String and a value.");
            }
            trace = s.getValue().stringValue();
        }
        OutgoingMessage m = new OutgoingMessage(body, attributes, Input.optional(in, "MessageGroupId"),
                Input.optional(in, "MessageDeduplicationId"), delay.map(Duration::ofSeconds));
        return new Entry(m, trace, Md5.ofAttributes(system));
    }

    static long attributesSize(JsonNode entry) {
        try {
            Map<String, MessageAttribute> a = MessageAttributes.parse(entry.get("MessageAttributes"));
            long size = 0;
            for (Map.Entry<String, MessageAttribute> e : a.entrySet()) {
                size += e.getKey().length() + e.getValue().dataType().length()
                        + e.getValue().stringValue().map(s -> s.getBytes(StandardCharsets.UTF_8).length).orElse(0)
                        + e.getValue().binaryValue().map(b -> b.length).orElse(0);
            }
            return size;
        } catch (ServiceException e) {
            return 0; // the entry fails on its own
        }
    }

    private static void result(ObjectNode out, Deliveries.Sent sent, Entry entry) {
        out.put("MessageId", sent.message().messageId());
        out.put("MD5OfMessageBody", sent.message().md5OfBody());
        sent.message().md5OfMessageAttributes().ifPresent(m -> out.put("MD5OfMessageAttributes", m));
        entry.md5OfSystemAttributes.ifPresent(m -> out.put("MD5OfMessageSystemAttributes", m));
        sent.message().sequenceNumber().ifPresent(s -> out.put("SequenceNumber", s));
    }
}
