package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.SqsErrors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading an operation's input document, with SQS's errors for what is missing or malformed. */
final class Input {
    private Input() {
    }

    static String required(JsonNode in, String name) {
        JsonNode v = in.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty() && !name.equals("MessageBody"))) {
            throw SqsErrors.missingParameter(name);
        }
        if (v.isContainerNode()) {
            throw SqsErrors.invalidParameterValue("Value for parameter " + name + " is invalid.");
        }
        return v.asText();
    }

    static Optional<String> optional(JsonNode in, String name) {
        JsonNode v = in.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    static Optional<Integer> integer(JsonNode in, String name) {
        JsonNode v = in.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Optional.of(v.intValue());
        }
        try {
            return Optional.of(Integer.parseInt(v.asText().trim()));
        } catch (NumberFormatException e) {
            throw SqsErrors.invalidValue(name, v.asText(), "Must be an integer.");
        }
    }

    static Map<String, String> stringMap(JsonNode in, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = in.get(name);
        if (v != null && v.isObject()) {
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }

    static List<String> strings(JsonNode in, String name) {
        List<String> out = new ArrayList<>();
        JsonNode v = in.get(name);
        if (v != null && v.isArray()) {
            v.forEach(n -> out.add(n.asText()));
        } else if (v != null && v.isTextual()) {
            out.add(v.asText());
        }
        return out;
    }

    static List<ObjectNode> objects(JsonNode in, String name) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode v = in.get(name);
        if (v != null && v.isArray()) {
            v.forEach(n -> out.add(n.isObject() ? (ObjectNode) n : SqsOperations.JSON.objectNode()));
        }
        return out;
    }
}
