package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.StatesErrors;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reading Step Functions' inputs (model member names, camelCase) and writing its outputs. The edge
 * validates the model's constraints first (required, lengths, enums); these checks keep the
 * operations safe without it and add the rules the model cannot express, with AWS's wording.
 */
final class Fields {
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Characters AWS refuses in the names of state machines, executions, activities: white space,
     * brackets, wildcards, the punctuation listed in CreateStateMachine's reference, and control characters.
     */
    private static final Pattern BAD_NAME = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]");

    private Fields() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static String required(ObjectNode in, String member) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            throw StatesErrors.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!v.isTextual()) {
            throw StatesErrors.validation("Parameter " + member + " is not valid.");
        }
        return v.asText();
    }

    static Optional<String> optional(ObjectNode in, String member) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw StatesErrors.validation("Parameter " + member + " is not valid.");
        }
        return Optional.of(v.asText());
    }

    static boolean flag(ObjectNode in, String member) {
        return in.path(member).asBoolean(false);
    }

    /** A name of a state machine, execution or activity: 1–80 characters, none that AWS refuses. */
    static String name(String name) {
        if (name.isEmpty() || name.length() > 80 || BAD_NAME.matcher(name).find()) {
            throw StatesErrors.invalidName("Invalid Name: '" + name + "'");
        }
        return name;
    }

    /** Epoch seconds with milliseconds, as the JSON protocol writes timestamps. */
    static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    static double seconds(long epochMillis) {
        return epochMillis / 1000.0;
    }

    /** maxResults: 0 or absent means 100; the model allows up to 1000. */
    static int maxResults(ObjectNode in) {
        int v = in.path("maxResults").asInt(0);
        if (v < 0 || v > 1000) {
            throw StatesErrors.validation("1 validation error detected: Value '" + v + "' at 'maxResults' failed to "
                    + "satisfy constraint: Member must have value " + (v < 0 ? "greater than or equal to 0"
                    : "less than or equal to 1000"));
        }
        return v == 0 ? 100 : v;
    }

    /** One page of a listing and the token of the next one. */
    record Page<T>(List<T> items, Optional<String> nextToken) {
        void nextToken(ObjectNode out) {
            nextToken.ifPresent(t -> out.put("nextToken", t));
        }
    }

    /**
     * One page of {@code items} (in their listing order, each with a unique key): the items after the
     * one the nextToken names, at most maxResults of them.
     */
    static <T> Page<T> page(ObjectNode in, List<T> items, Function<T, String> key) {
        int max = maxResults(in);
        int from = 0;
        Optional<String> token = optional(in, "nextToken");
        if (token.isPresent()) {
            String after = decode(token.get());
            from = -1;
            for (int i = 0; i < items.size(); i++) {
                if (key.apply(items.get(i)).equals(after)) {
                    from = i;
                    break;
                }
            }
            if (from < 0) {
                throw invalidToken();
            }
        }
        int to = Math.min(items.size(), from + max);
        List<T> page = items.subList(from, to);
        return new Page<>(page, to < items.size() ? Optional.of(encode(key.apply(items.get(to)))) : Optional.empty());
    }

    static RuntimeException invalidToken() {
        return StatesErrors.invalidToken("Invalid Token: 'Invalid token'");
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (key.startsWith("v1:")) {
                return key.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw invalidToken();
    }

    /** Tags ({@code [{key, value}]}) merged into {@code current}: a key given again takes the new value. */
    static ArrayNode mergeTags(JsonNode current, JsonNode given) {
        ObjectNode byKey = object();
        current.forEach(t -> byKey.put(t.path("key").asText(), t.path("value").asText()));
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw StatesErrors.validation("Parameter tags is not valid.");
            }
            for (JsonNode t : given) {
                if (!t.path("key").isTextual()) {
                    throw StatesErrors.validation("1 validation error detected: Value null at 'tags.member.key' "
                            + "failed to satisfy constraint: Member must not be null");
                }
                byKey.put(t.path("key").asText(), t.path("value").asText(""));
            }
        }
        ArrayNode tags = array();
        byKey.properties().forEach(e -> tags.addObject().put("key", e.getKey()).put("value", e.getValue().asText()));
        if (tags.size() > TagOps.MAX_TAGS) {
            throw StatesErrors.of("TooManyTags", "Too many tags: the resource may have at most " + TagOps.MAX_TAGS
                    + " tags.");
        }
        return tags;
    }
}
