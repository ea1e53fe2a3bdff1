package dev.lamina.events.esm.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.events.esm.MappingSettings;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The documents a Kinesis poller makes and reads, in the shapes Lambda uses. */
final class KinesisEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lambda's times in invocation records: UTC, always with milliseconds. */
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private KinesisEvents() {
    }

    /** The event one batch (of one shard) is invoked with: {@code {"Records":[…]}}. */
    static byte[] event(MappingSettings settings, String streamArn, List<StreamRecord> batch) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (StreamRecord r : batch) {
            ObjectNode o = records.addObject();
            ObjectNode k = o.putObject("kinesis");
            k.put("kinesisSchemaVersion", "1.0");
            k.put("partitionKey", r.partitionKey());
            k.put("sequenceNumber", r.sequenceNumber());
            k.put("data", Base64.getEncoder().encodeToString(r.data()));
            k.put("approximateArrivalTimestamp", epochSeconds(r.arrival()));
            o.put("eventSource", "aws:kinesis");
            o.put("eventVersion", "1.0");
            o.put("eventID", r.shardId() + ":" + r.sequenceNumber());
            o.put("eventName", "aws:kinesis:record");
            o.put("invokeIdentityArn", settings.functionRoleArn());
            o.put("awsRegion", settings.region());
            o.put("eventSourceARN", streamArn);
        }
        return bytes(root);
    }

    /** Epoch seconds with the milliseconds as a fraction (1545084650.987), as Lambda writes them. */
    static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3);
    }

    /** What the last invocation of a discarded batch answered, for the record's responseContext. */
    record Response(int statusCode, Optional<String> functionError) {
    }

    /**
     * The invocation record an OnFailure destination is sent for a discarded batch.
     *
     * @param condition       RetryAttemptsExhausted or RecordAgeExceeded
     * @param invokeCount     how many times this batch was invoked
     * @param lastResponse    the last invocation's answer, when there was one
     */
    static String failureRecord(MappingSettings settings, String streamArn, List<StreamRecord> batch, String condition,
                                int invokeCount, Optional<Response> lastResponse, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", settings.functionArn());
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokeCount);
        lastResponse.ifPresent(r -> {
            ObjectNode response = root.putObject("responseContext");
            response.put("statusCode", r.statusCode());
            response.put("executedVersion", executedVersion(settings.functionArn()));
            r.functionError().ifPresent(e -> response.put("functionError", e));
        });
        root.put("version", "1.0");
        root.put("timestamp", TIME.format(now));
        ObjectNode info = root.putObject("KinesisBatchInfo");
        StreamRecord first = batch.getFirst();
        StreamRecord last = batch.getLast();
        info.put("shardId", first.shardId());
        info.put("startSequenceNumber", first.sequenceNumber());
        info.put("endSequenceNumber", last.sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", TIME.format(first.arrival()));
        info.put("approximateArrivalOfLastRecord", TIME.format(last.arrival()));
        info.put("batchSize", batch.size());
        info.put("streamArn", streamArn);
        return new String(bytes(root), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A version qualifier of the mapped ARN, else $LATEST (an alias's version is not known here). */
    static String executedVersion(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length == 8 && parts[7].matches("\\d+") ? parts[7] : "$LATEST";
    }

    /** How a ReportBatchItemFailures answer reads. */
    sealed interface ItemFailures {
    }

    /** Every record succeeded. */
    record AllSucceeded() implements ItemFailures {
    }

    /** The records from {@code index} on are to be retried (the lowest reported sequence number). */
    record FailedFrom(int index) implements ItemFailures {
    }

    /** The answer names no usable record: the whole batch failed. */
    record Invalid() implements ItemFailures {
    }

    /**
     * Reads a function's answer as Lambda does for streams: no answer, a null or empty
     * {@code batchItemFailures} is success; an itemIdentifier that is empty, missing or not a
     * sequence number of the batch makes the whole batch a failure; else retry from the lowest one.
     * An answer that is not a JSON object is success, as on Lambda.
     */
    static ItemFailures itemFailures(byte[] payload, List<StreamRecord> batch) {
        JsonNode root;
        try {
            root = payload.length == 0 ? null : JSON.readTree(payload);
        } catch (IOException e) {
            return new AllSucceeded();
        }
        if (root == null || !root.isObject()) {
            return new AllSucceeded();
        }
        JsonNode failures = root.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new AllSucceeded();
        }
        if (!failures.isArray()) {
            return new Invalid();
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode f : failures) {
            JsonNode id = f.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return new Invalid();
            }
            ids.add(id.asText());
        }
        for (int i = 0; i < batch.size(); i++) {
            if (ids.remove(batch.get(i).sequenceNumber())) {
                return ids.isEmpty() || containsAllLater(ids, batch, i) ? new FailedFrom(i) : new Invalid();
            }
        }
        return new Invalid();
    }

    private static boolean containsAllLater(Set<String> ids, List<StreamRecord> batch, int from) {
        Set<String> later = new HashSet<>();
        for (int i = from + 1; i < batch.size(); i++) {
            later.add(batch.get(i).sequenceNumber());
        }
        return later.containsAll(ids);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
