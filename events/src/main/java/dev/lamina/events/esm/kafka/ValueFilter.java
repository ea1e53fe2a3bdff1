package dev.lamina.events.esm.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import dev.lamina.events.esm.RecordFilter;
import java.util.List;

/**
 * A mapping's FilterCriteria applied to Kafka records. Lambda filters Kafka records on their
 * {@code value} key alone: a value that is a JSON object is matched as that object, any other
 * value as its text ({@code {"value": [{"prefix": "ab"}]}}). A record matching no pattern is
 * dropped (and its offset committed, as Lambda does); with no patterns every record passes.
 */
final class ValueFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordFilter filter;

    private ValueFilter(RecordFilter filter) {
        this.filter = filter;
    }

    /** A filter of {@code patterns}; throws {@link IllegalArgumentException} for a pattern event-ruler rejects. */
    static ValueFilter of(List<String> patterns) {
        return new ValueFilter(RecordFilter.of(patterns));
    }

    boolean passes(byte[] value) {
        if (!filter.filters()) {
            return true;
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.set("value", valueNode(value));
        return filter.matches(doc);
    }

    private static JsonNode valueNode(byte[] value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (Exception notJson) {
            // a plain text value is matched as text
        }
        return JsonNodeFactory.instance.textNode(text);
    }
}
