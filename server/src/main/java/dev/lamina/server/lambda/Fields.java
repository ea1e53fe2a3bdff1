package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of a JSON request document. A member of the wrong JSON type is refused with
 * SerializationException, as AWS's front end refuses a document it cannot deserialise; a JSON
 * {@code null} reads as absent.
 */
final class Fields {
    private final ObjectNode node;
    private final String prefix;

    Fields(ObjectNode node) {
        this(node, "");
    }

    private Fields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    Optional<String> string(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw wrongType(name, "a string");
        }
        return Optional.of(v.textValue());
    }

    Optional<Integer> integer(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(name, "an integer");
        }
        return Optional.of(v.intValue());
    }

    Optional<Double> number(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw wrongType(name, "a number");
        }
        return Optional.of(v.doubleValue());
    }

    Optional<Boolean> bool(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return Optional.of(v.booleanValue());
    }

    Optional<Fields> object(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object");
        }
        return Optional.of(new Fields((ObjectNode) v, prefix + name + "."));
    }

    /** A list of objects, each read with the member's path and index ({@code filters[0].}). */
    Optional<List<Fields>> objects(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw wrongType(name, "a list");
        }
        List<Fields> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw wrongType(name, "a list of objects");
            }
            out.add(new Fields((ObjectNode) item, prefix + name + "." + out.size() + "."));
        }
        return Optional.of(out);
    }

    /** A map of string lists (SelfManagedEventSource.Endpoints). */
    Optional<Map<String, List<String>>> stringListMap(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw wrongType(name, "a map");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (var e : v.properties()) {
            if (!e.getValue().isArray()) {
                throw wrongType(name, "a map of lists");
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : e.getValue()) {
                if (!item.isTextual()) {
                    throw wrongType(name, "a map of lists of strings");
                }
                items.add(item.textValue());
            }
            out.put(e.getKey(), items);
        }
        return Optional.of(out);
    }

    Optional<List<String>> strings(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw wrongType(name, "a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw wrongType(name, "a list of strings");
            }
            out.add(item.textValue());
        }
        return Optional.of(out);
    }

    /** The number of items of a list member, 0 when absent. */
    int listSize(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return 0;
        }
        if (!v.isArray()) {
            throw wrongType(name, "a list");
        }
        return v.size();
    }

    Optional<Map<String, String>> stringMap(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw wrongType(name, "a map");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw wrongType(name, "a map of strings");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return Optional.of(out);
    }

    Optional<Map<String, Double>> numberMap(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw wrongType(name, "a map");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : v.properties()) {
            if (!e.getValue().isNumber()) {
                throw wrongType(name, "a map of numbers");
            }
            out.put(e.getKey(), e.getValue().doubleValue());
        }
        return Optional.of(out);
    }

    private JsonNode present(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private LambdaException wrongType(String name, String expected) {
        return new LambdaException(ErrorCode.SERIALIZATION,
                "Could not deserialize '" + prefix + name + "': expected " + expected + ".");
    }
}
