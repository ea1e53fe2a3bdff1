package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, and the values of a JSONPath Assign):
 * a field whose name ends in {@code .$} takes the value of its path or intrinsic function, under the
 * name without the suffix; other values are copied, objects and arrays recursively.
 */
final class PayloadTemplate {
    private PayloadTemplate() {
    }

    static JsonNode evaluate(JsonNode template, JsonNode input, Scope scope, Failures.Where where) throws StatesError {
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : template.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.endsWith(".$") && value.isTextual()) {
                    out.set(key.substring(0, key.length() - 2), expression(value.asText(), key, input, scope, where));
                } else {
                    out.set(key, evaluate(value, input, scope, where));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : template) {
                out.add(evaluate(e, input, scope, where));
            }
            return out;
        }
        return template;
    }

    /** The value of one {@code .$} field (or a *Path field that accepts intrinsics, such as a Fail's CausePath). */
    static JsonNode expression(String text, String field, JsonNode input, Scope scope, Failures.Where where)
            throws StatesError {
        if (IntrinsicParser.isCall(text)) {
            return Intrinsics.evaluate(text, field, input, scope, where);
        }
        try {
            return Paths.read(text, input, scope);
        } catch (Paths.NotFound e) {
            throw where.pathNotFound(text, field, input);
        }
    }
}
