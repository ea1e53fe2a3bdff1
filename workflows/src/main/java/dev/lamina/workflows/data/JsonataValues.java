package dev.lamina.workflows.data;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversion between Jackson trees and the values com.dashjoin:jsonata works on (Map, List, String,
 * Number, Boolean, {@link Jsonata#NULL_VALUE} for JSON null, Java null for JSONata's undefined).
 *
 * <p>Numbers leave JSONata as JavaScript prints them: an integral double is an integer ({@code 3}, not
 * {@code 3.0}), as AWS shows them. Inside objects an undefined value drops its key and a function is
 * dropped, inside arrays a function becomes null: what JSON.stringify does to AWS's results.
 */
final class JsonataValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** JavaScript prints integers exactly below 1e21; past that it uses exponents. */
    private static final double JS_INTEGER_LIMIT = 1e21;

    private JsonataValues() {
    }

    /** The JSONata value of a JSON tree (never Java null: JSON null is {@link Jsonata#NULL_VALUE}). */
    static Object toJsonata(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toJsonata(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(e -> list.add(toJsonata(e)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /**
     * The JSON tree of a JSONata result; empty for undefined and for a value JSON cannot hold at top
     * level (a function, a regular expression).
     */
    static Optional<JsonNode> toJson(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!isData(value)) {
            return Optional.empty();
        }
        return Optional.of(convert(value));
    }

    /** Whether a defined result is JSON data (null, number, string, boolean, array, object). */
    static boolean isData(Object value) {
        return value == Jsonata.NULL_VALUE || value instanceof Map || value instanceof List
                || value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static JsonNode convert(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            map.forEach((k, v) -> {
                if (v != null && isData(v)) {
                    out.set(String.valueOf(k), convert(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode(list.size());
            for (Object v : list) {
                if (v != null) {
                    out.add(isData(v) ? convert(v) : NODES.nullNode());
                }
            }
            return out;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return number(n);
        }
        return NODES.textNode(value.toString());
    }

    /** A number as JavaScript would print it: integral values without a fraction. */
    static JsonNode number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return integral(n.longValue());
        }
        if (n instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        double d = n.doubleValue();
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < JS_INTEGER_LIMIT) {
            if (Math.abs(d) < 0x1p63) {
                return integral((long) d);
            }
            return NODES.numberNode(new BigDecimal(d).toBigInteger());
        }
        return NODES.numberNode(d);
    }

    /** An integer as Jackson reads one: an int node when it fits, else a long node. */
    private static JsonNode integral(long n) {
        return n == (int) n ? NODES.numberNode((int) n) : NODES.numberNode(n);
    }

    /** JSONata's name of a value's type, as AWS's causes spell it ({@code $type}). */
    static String typeName(Object value) {
        if (value == null) {
            return "undefined";
        }
        if (value == Jsonata.NULL_VALUE) {
            return "null";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "function";
    }
}
