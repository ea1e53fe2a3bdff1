package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON value equality as Step Functions compares values: numbers by value ({@code 1} equals {@code 1.0}), object keys in any order. */
final class JsonValues {
    private JsonValues() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        return canonical(a).equals(canonical(b));
    }

    /** A value as a hash key with {@link #equal}'s equality. */
    record Key(String canonical) {
        Key(JsonNode value) {
            this(JsonValues.canonical(value));
        }
    }

    static String canonical(JsonNode v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    private static void write(JsonNode v, StringBuilder out) {
        if (v.isNumber()) {
            out.append(v.decimalValue().stripTrailingZeros().toPlainString());
        } else if (v.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(v.properties());
            fields.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (Map.Entry<String, JsonNode> f : fields) {
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(f.getKey())).append(':');
                write(f.getValue(), out);
                out.append(',');
            }
            out.append('}');
        } else if (v.isArray()) {
            out.append('[');
            for (JsonNode e : v) {
                write(e, out);
                out.append(',');
            }
            out.append(']');
        } else {
            out.append(v);
        }
    }
}
