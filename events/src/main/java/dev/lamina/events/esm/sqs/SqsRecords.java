package dev.lamina.events.esm.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.ReceivedMessage;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SQS messages as Lambda hands them to a function: {@code {"Records": [...]}}, each record with
 * exactly the members and the order of AWS's SQS event (messageId, receiptHandle, body, attributes,
 * messageAttributes, md5OfMessageAttributes when there are attributes, md5OfBody, eventSource,
 * eventSourceARN, awsRegion).
 */
final class SqsRecords {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The system attributes Lambda passes on, in its order; FIFO's only on FIFO queues. */
    private static final List<String> ATTRIBUTES = List.of("ApproximateReceiveCount", "AWSTraceHeader", "SentTimestamp",
            "SequenceNumber", "MessageGroupId", "SenderId", "MessageDeduplicationId", "ApproximateFirstReceiveTimestamp");

    private final String queueArn;
    private final String region;

    SqsRecords(String queueArn, String region) {
        this.queueArn = queueArn;
        this.region = region;
    }

    ObjectNode record(ReceivedMessage m) {
        ObjectNode r = JSON.createObjectNode();
        r.put("messageId", m.messageId());
        r.put("receiptHandle", m.receiptHandle());
        r.put("body", m.body());
        ObjectNode attributes = r.putObject("attributes");
        for (String name : ATTRIBUTES) {
            String value = m.attributes().get(name);
            if (value != null) {
                attributes.put(name, value);
            }
        }
        ObjectNode messageAttributes = r.putObject("messageAttributes");
        for (Map.Entry<String, MessageAttribute> e : m.messageAttributes().entrySet()) {
            MessageAttribute a = e.getValue();
            ObjectNode o = messageAttributes.putObject(e.getKey());
            a.stringValue().ifPresent(v -> o.put("stringValue", v));
            a.binaryValue().ifPresent(v -> o.put("binaryValue", Base64.getEncoder().encodeToString(v)));
            o.putArray("stringListValues");
            o.putArray("binaryListValues");
            o.put("dataType", a.dataType());
        }
        m.md5OfMessageAttributes().ifPresent(md5 -> r.put("md5OfMessageAttributes", md5));
        r.put("md5OfBody", m.md5OfBody());
        r.put("eventSource", "aws:sqs");
        r.put("eventSourceARN", queueArn);
        r.put("awsRegion", region);
        return r;
    }

    /** The document filter patterns are matched against: the record, with a JSON body as JSON. */
    static JsonNode filterDocument(ObjectNode record) {
        String body = record.path("body").asText();
        String trimmed = body.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode parsed = JSON.readTree(body);
                ObjectNode copy = record.deepCopy();
                copy.set("body", parsed);
                return copy;
            } catch (JsonProcessingException e) {
                // not JSON: matched as the plain string it is
            }
        }
        return record;
    }

    /** The event of one batch. */
    static byte[] event(List<ObjectNode> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode list = event.putArray("Records");
        records.forEach(list::add);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
