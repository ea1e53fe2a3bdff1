package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeErrors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a listing ordered by key: at most MaxResults items (AWS's default and maximum, 100)
 * after the key the NextToken carries. The token is the last key given, encoded: a listing changed
 * between pages neither repeats nor skips what stayed.
 */
record Page(List<ObjectNode> items, Optional<String> nextToken) {
    static final int MAX = 100;

    static Page of(List<ObjectNode> ordered, Function<ObjectNode, String> key, JsonNode input) {
        int size = input.path("MaxResults").asInt(MAX);
        Optional<String> after = Optional.ofNullable(input.get("NextToken")).map(t -> decode(t.asText()));
        List<ObjectNode> rest = after.map(a -> ordered.stream().filter(d -> key.apply(d).compareTo(a) > 0).toList())
                .orElse(ordered);
        if (rest.size() <= size) {
            return new Page(rest, Optional.empty());
        }
        List<ObjectNode> page = rest.subList(0, size);
        return new Page(page, Optional.of(encode(key.apply(page.getLast()))));
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("v1:")) {
                return text.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // not ours
        }
        throw EventBridgeErrors.validation("The NextToken is not valid.");
    }
}
