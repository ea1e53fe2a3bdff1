package dev.lamina.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The record a destination receives, as Lambda writes it: version, timestamp, requestContext
 * (requestId, functionArn, condition, approximateInvokeCount), the requestPayload, and, when the
 * function ran, its responseContext and responsePayload.
 */
final class InvocationRecord {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** How the function's last attempt ended, when there was one. */
    record Response(int statusCode, String executedVersion, Optional<String> functionError, byte[] payload) {
    }

    private InvocationRecord() {
    }

    /** @param condition Success, RetriesExhausted or EventAgeExceeded */
    static String of(Instant timestamp, String requestId, String functionArn, String condition, int invokeCount,
                     byte[] requestPayload, Optional<Response> response) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", "1.0");
        o.put("timestamp", MILLIS.format(timestamp)); // as Lambda writes it: 2019-11-14T18:16:05.568Z
        ObjectNode context = o.putObject("requestContext");
        context.put("requestId", requestId);
        context.put("functionArn", functionArn);
        context.put("condition", condition);
        context.put("approximateInvokeCount", invokeCount);
        o.set("requestPayload", json(requestPayload));
        response.ifPresent(r -> {
            ObjectNode rc = o.putObject("responseContext");
            rc.put("statusCode", r.statusCode());
            rc.put("executedVersion", r.executedVersion());
            r.functionError().ifPresent(e -> rc.put("functionError", e));
            o.set("responsePayload", json(r.payload()));
        });
        return o.toString();
    }

    /** A payload as JSON when it is JSON (it is, for what Lamina accepted), else as a string. */
    private static JsonNode json(byte[] payload) {
        try {
            return payload.length == 0 ? JSON.nullNode() : JSON.readTree(payload);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }
}
