package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One of an Update operation's {@code patchOperations}: {@code op} (add, remove, replace, move,
 * copy, test), a JSON-pointer-like {@code path} ({@code ~1} for {@code /}, {@code ~0} for
 * {@code ~} inside a segment) and a string {@code value}. Every patch is read and checked before
 * any is applied.
 */
record Patch(String op, String path, Optional<String> value) {
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    static List<Patch> list(ObjectNode in) {
        List<Patch> out = new ArrayList<>();
        JsonNode list = in.get("patchOperations");
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode p : list) {
            String op = p.path("op").asText("");
            if (!OPS.contains(op)) {
                throw Errors.badRequest("Invalid patch operation specified. Must be one of: [add, remove, move, test,"
                        + " replace, copy]");
            }
            String path = p.path("path").asText("");
            if (!path.startsWith("/")) {
                throw Errors.badRequest("Invalid patch path " + path);
            }
            JsonNode v = p.get("value");
            out.add(new Patch(op, path, v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText())));
        }
        return out;
    }

    static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    void expect(String... allowed) {
        for (String a : allowed) {
            if (a.equals(op)) {
                return;
            }
        }
        throw Errors.badRequest("Invalid patch operation specified. Must be " + String.join(" or ", allowed)
                + " for path " + path);
    }

    ServiceException invalidPath() {
        return Errors.badRequest("Invalid patch path '" + path + "' specified for op '" + op + "'.");
    }
}
