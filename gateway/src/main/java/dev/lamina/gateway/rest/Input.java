package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading an operation's input tree (keyed by the model's member names). The edge's codec has
 * checked the model's types and required members; these checks repeat the few that matter, so an
 * operation never acts on a missing value.
 */
final class Input {
    private Input() {
    }

    static String required(ObjectNode in, String member) {
        return text(in, member).orElseThrow(() -> Errors.badRequest(member + " must not be empty"));
    }

    static Optional<String> text(ObjectNode in, String member) {
        JsonNode n = in.get(member);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    static Optional<Boolean> bool(ObjectNode in, String member) {
        JsonNode n = in.get(member);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asBoolean());
    }

    static Optional<Integer> integer(ObjectNode in, String member) {
        JsonNode n = in.get(member);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (n.canConvertToInt() || n.isTextual() && n.asText().matches("-?\\d{1,9}")) {
            return Optional.of(n.asInt());
        }
        throw Errors.badRequest("Invalid " + member + " specified");
    }

    static List<String> strings(ObjectNode in, String member) {
        List<String> out = new ArrayList<>();
        JsonNode n = in.get(member);
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n != null && n.isTextual()) {
            out.add(n.asText());
        }
        return out;
    }

    static Map<String, String> map(ObjectNode in, String member) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = in.get(member);
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /** The page size asked for: API Gateway's default of 25, at most 500. */
    static int limit(ObjectNode in) {
        int limit = integer(in, "limit").orElse(25);
        if (limit < 1 || limit > 500) {
            throw Errors.badRequest("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 500");
        }
        return limit;
    }
}
