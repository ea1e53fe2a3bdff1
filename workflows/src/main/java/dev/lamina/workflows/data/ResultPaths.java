package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;

/**
 * ResultPath: where a state's result goes in its input. Absent or {@code $}: the result replaces the
 * input; JSON null: the input passes unchanged; {@code $.a.b}: the result is written at that place
 * in a copy of the input, creating objects on the way. A place the input cannot have (a field of a
 * string, an index past an array's end) is States.ResultPathMatchFailure.
 */
final class ResultPaths {
    private ResultPaths() {
    }

    /** @param resultPath the field's value: null when absent (the default {@code $}) */
    static JsonNode apply(JsonNode resultPath, JsonNode input, JsonNode result) throws StatesError {
        if (resultPath == null || resultPath.isMissingNode()) {
            return result;
        }
        if (resultPath.isNull()) {
            return input;
        }
        String path = resultPath.asText();
        if (path.equals("$")) {
            return result;
        }
        List<Object> steps = steps(path, input);
        if (!input.isObject() && !input.isArray()) {
            throw mismatch(path, input);
        }
        JsonNode root = input.deepCopy();
        JsonNode node = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String name) {
                if (!node.isObject()) {
                    throw mismatch(path, input);
                }
                ObjectNode object = (ObjectNode) node;
                if (last) {
                    object.set(name, result);
                } else {
                    JsonNode child = object.get(name);
                    if (child == null || child.isNull()) {
                        child = object.putObject(name);
                    }
                    node = child;
                }
            } else {
                int index = (Integer) step;
                if (!node.isArray() || index >= node.size()) {
                    throw mismatch(path, input);
                }
                ArrayNode array = (ArrayNode) node;
                if (last) {
                    array.set(index, result);
                } else {
                    node = array.get(index);
                }
            }
        }
        return root;
    }

    private static StatesError mismatch(String path, JsonNode input) {
        return new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE, "Unable to apply ReferencePath " + path
                + " to input " + TextNode.valueOf(input.toString()));
    }

    /** A reference path's steps: field names (dot or bracket notation) and array indexes. */
    static List<Object> steps(String path, JsonNode input) throws StatesError {
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    i++;
                }
                if (i == start) {
                    throw mismatch(path, input);
                }
                steps.add(path.substring(start, i));
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw mismatch(path, input);
                }
                String inner = path.substring(i + 1, close).strip();
                if (inner.length() >= 2 && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')) {
                    steps.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        steps.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        throw mismatch(path, input);
                    }
                }
                i = close + 1;
            } else {
                throw mismatch(path, input);
            }
        }
        if (!path.startsWith("$")) {
            throw mismatch(path, input);
        }
        return steps;
    }
}
