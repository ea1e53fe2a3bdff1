package dev.lamina.workflows.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The engine's JSON helpers: one mapper, compact text, AWS's payload size and timestamp format. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** AWS's limit on a state's input, output and a task's result: 256 KiB of UTF-8. */
    static final int PAYLOAD_LIMIT = 256 * 1024;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    static boolean tooLarge(String text) {
        return text.length() > PAYLOAD_LIMIT / 4 && text.getBytes(StandardCharsets.UTF_8).length > PAYLOAD_LIMIT;
    }

    /** The context object's time format ({@code 2024-01-02T03:04:05.678Z}). */
    static String time(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
