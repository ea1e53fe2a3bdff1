package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * A JSONata state's field value as a template (Arguments, Output, Assign, Items, ItemSelector, …):
 * every string of the form {@code {% expression %}}, at any depth of objects and arrays, is replaced
 * by its result; everything else is a literal, copied as written (so {@code "$.a"} and
 * {@code "$name"} stay strings). The result is a new tree; the definition is never shared or changed.
 *
 * <p>Field names in causes follow AWS: the top field, then each object key, joined by {@code /}
 * ({@code Output/result}); array elements add their index.
 */
final class JsonataTemplate {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonataTemplate() {
    }

    /** {@code template} with its expressions evaluated; {@code field} names it in causes. */
    static JsonNode evaluate(JsonNode template, String field, JsonataEnv env) throws StatesError {
        if (JsonataExpressions.isExpression(template)) {
            return JsonataExpressions.evaluate(JsonataExpressions.body(template.textValue()), field, env);
        }
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                out.set(e.getKey(), evaluate(e.getValue(), field + "/" + e.getKey(), env));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode(template.size());
            for (int i = 0; i < template.size(); i++) {
                out.add(evaluate(template.get(i), field + "/" + i, env));
            }
            return out;
        }
        return template;
    }
}
