package dev.lamina.logs.filter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.function.Predicate;

/**
 * A JSON pattern ({@code { $.level = "ERROR" }}): the message must be one JSON object (surrounding
 * whitespace, such as Lambda's trailing line feed, allowed) for which the condition holds. A message
 * that is not JSON never matches, not even {@code NOT EXISTS}.
 */
record JsonPattern(Predicate<JsonNode> condition) implements FilterPattern {
    /** Messages are already size-capped by the log store; these bound what one message can cost. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(256)
                            .maxNumberLength(1000)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public boolean matches(String message) {
        if (message == null || !message.stripLeading().startsWith("{")) {
            return false;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(message);
        } catch (JacksonException notJson) {
            return false;
        }
        return root != null && root.isObject() && condition.test(root);
    }
}
