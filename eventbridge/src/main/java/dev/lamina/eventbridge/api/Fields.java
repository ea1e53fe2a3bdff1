package dev.lamina.eventbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.EventBridgeErrors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reading EventBridge's inputs (model member names) with the model's constraints and AWS's
 * ValidationException wording, and paging listings. The edge may validate the same constraints
 * from the model first; these checks keep the operations safe when called without it.
 */
final class Fields {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    /** A bus CreateEventBus makes (NonPartnerEventBusName: no '/', which only partner buses have). */
    static final Pattern CUSTOM_BUS_NAME = Pattern.compile("[.\\-_A-Za-z0-9]+");
    static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
    static final Pattern BUS_ARN = Pattern.compile(
            "arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus/([/.\\-_A-Za-z0-9]+)");

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
            throw invalid(null, member, "Member must not be null");
        }
        if (!v.isTextual()) {
            throw EventBridgeErrors.validation("Parameter " + member + " is not valid.");
        }
        return v.asText();
    }

    static Optional<String> optional(ObjectNode in, String member) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw EventBridgeErrors.validation("Parameter " + member + " is not valid.");
        }
        return Optional.of(v.asText());
    }

    /** A string member checked against the model's maximum length. */
    static Optional<String> optional(ObjectNode in, String member, int max) {
        Optional<String> v = optional(in, member);
        if (v.isPresent() && v.get().length() > max) {
            throw invalid(v.get(), member, "Member must have length less than or equal to " + max);
        }
        return v;
    }

    static String ruleName(ObjectNode in, String member) {
        String name = required(in, member);
        return matching(name, member, RULE_NAME, "[\\.\\-_A-Za-z0-9]+", 64);
    }

    /** The bus an input names ({@code EventBusName}, a name or an ARN), {@code default} when absent. */
    static String busName(ObjectNode in, String member) {
        return optional(in, member).map(v -> busName(v, member)).orElse("default");
    }

    static String busName(String nameOrArn, String member) {
        var arn = BUS_ARN.matcher(nameOrArn);
        if (arn.matches()) {
            return arn.group(1);
        }
        return matching(nameOrArn, member, BUS_NAME, "[/\\.\\-_A-Za-z0-9]+", 256);
    }

    static String matching(String value, String member, Pattern pattern, String shown, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw invalid(value, member, value.isEmpty() ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + max);
        }
        if (!pattern.matcher(value).matches()) {
            throw invalid(value, member, "Member must satisfy regular expression pattern: " + shown);
        }
        return value;
    }

    static RuntimeException invalid(String value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return EventBridgeErrors.validation("1 validation error detected: Value " + shown + " at '"
                + Character.toLowerCase(member.charAt(0)) + member.substring(1) + "' failed to satisfy constraint: "
                + constraint);
    }

    /** Limit (1–100, default 100). */
    static int limit(ObjectNode in) {
        JsonNode v = in.get("Limit");
        if (v == null || v.isNull()) {
            return 100;
        }
        if (!v.canConvertToInt() || v.asInt() < 1 || v.asInt() > 100) {
            throw invalid(v.asText(), "Limit", v.asInt() < 1 ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 100");
        }
        return v.asInt();
    }

    /**
     * One page of {@code items} (ordered by key): from the key the NextToken names, at most Limit
     * of them, and the NextToken of the next page when there are more.
     */
    static <T> Page<T> page(ObjectNode in, List<T> items, Function<T, String> key) {
        int limit = limit(in);
        Optional<String> after = optional(in, "NextToken").map(Fields::decode);
        List<T> rest = after.map(a -> items.stream().filter(i -> key.apply(i).compareTo(a) >= 0).toList()).orElse(items);
        if (rest.size() <= limit) {
            return new Page<>(rest, Optional.empty());
        }
        return new Page<>(rest.subList(0, limit), Optional.of(encode(key.apply(rest.get(limit)))));
    }

    record Page<T>(List<T> items, Optional<String> nextToken) {
        void nextToken(ObjectNode out) {
            nextToken.ifPresent(t -> out.put("NextToken", t));
        }
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
        throw EventBridgeErrors.validation("The nextToken provided is invalid.");
    }

    /** Tags ({@code [{Key, Value}]}) merged into {@code current}: a key given again takes the new value. */
    static ArrayNode mergeTags(JsonNode current, JsonNode given) {
        ObjectNode byKey = object();
        current.forEach(t -> byKey.put(t.path("Key").asText(), t.path("Value").asText()));
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw EventBridgeErrors.validation("Parameter Tags is not valid.");
            }
            for (JsonNode t : given) {
                if (!t.path("Key").isTextual() || !t.path("Value").isTextual()) {
                    throw invalid(null, "Tags.member.Key", "Member must not be null");
                }
                String k = t.path("Key").asText();
                if (k.isEmpty() || k.length() > 128 || t.path("Value").asText().length() > 256) {
                    throw EventBridgeErrors.validation("Parameter Tags is not valid.");
                }
                byKey.put(k, t.path("Value").asText());
            }
        }
        ArrayNode tags = array();
        byKey.properties().forEach(e -> tags.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText()));
        return tags;
    }
}
