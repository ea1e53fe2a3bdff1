package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an operation's input (a JSON tree keyed by the model's member names). The codec has checked
 * types against the model already; these checks keep a hostile tree from ever becoming a 500.
 */
final class Fields {
    private Fields() {
    }

    static Optional<String> string(ObjectNode input, String member) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw Errors.badRequest("Invalid value for " + member + ": must be a string");
        }
        return Optional.of(n.asText());
    }

    static String required(ObjectNode input, String member) {
        return string(input, member).orElseThrow(() -> Errors.badRequest(member + " is required"));
    }

    /** A string of {@code min} to {@code max} characters, when present. */
    static Optional<String> string(ObjectNode input, String member, int min, int max) {
        Optional<String> v = string(input, member);
        if (v.isPresent() && (v.get().length() < min || v.get().length() > max)) {
            throw Errors.badRequest("Invalid value for " + member + ": its length must be between " + min
                    + " and " + max);
        }
        return v;
    }

    static Optional<Boolean> bool(ObjectNode input, String member) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            throw Errors.badRequest("Invalid value for " + member + ": must be a boolean");
        }
        return Optional.of(n.asBoolean());
    }

    static Optional<Integer> integer(ObjectNode input, String member, int min, int max) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw Errors.badRequest("Invalid value for " + member + ": must be an integer");
        }
        int v = n.asInt();
        if (v < min || v > max) {
            throw Errors.badRequest("Invalid value for " + member + ": must be between " + min + " and " + max);
        }
        return Optional.of(v);
    }

    static Optional<List<String>> strings(ObjectNode input, String member) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            throw Errors.badRequest("Invalid value for " + member + ": must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw Errors.badRequest("Invalid value for " + member + ": must be a list of strings");
            }
            out.add(e.asText());
        }
        return Optional.of(out);
    }

    static Optional<Map<String, String>> stringMap(ObjectNode input, String member) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            throw Errors.badRequest("Invalid value for " + member + ": must be a map of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!e.getValue().isTextual()) {
                throw Errors.badRequest("Invalid value for " + member + ": must be a map of strings");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return Optional.of(out);
    }

    static Optional<ObjectNode> object(ObjectNode input, String member) {
        JsonNode n = input.get(member);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            throw Errors.badRequest("Invalid value for " + member + ": must be a structure");
        }
        return Optional.of((ObjectNode) n);
    }
}
