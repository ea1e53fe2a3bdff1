package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an operation's input (member names, as decoded) against its model: required members,
 * enums, and {@code min}/{@code max} (the length of strings, lists and maps; the value of numbers),
 * at every depth. Every violation is reported at once, worded as AWS's validation errors are
 * ({@code 1 validation error detected: Value null at 'createRestApiInput.name' failed to satisfy
 * constraint: Member must not be null}), under the service's own error code (API Gateway's
 * BadRequestException; ValidationException for Scheduler and EventBridge).
 */
final class RestJsonValidator {
    private RestJsonValidator() {
    }

    /** Validates under API Gateway's BadRequestException. */
    static void validate(ServiceModel model, String operation, JsonNode input) {
        validate(model, operation, input, "BadRequestException");
    }

    /** Validates; violations are a 400 {@code errorCode} (a caller's fault). */
    static void validate(ServiceModel model, String operation, JsonNode input, String errorCode) {
        String shapeName = model.inputShape(operation).orElse(null);
        if (shapeName == null) {
            return;
        }
        List<String> violations = new ArrayList<>();
        String root = Character.toLowerCase(operation.charAt(0)) + operation.substring(1) + "Input";
        structure(model, model.shape(shapeName), input, root, violations);
        if (!violations.isEmpty()) {
            String count = violations.size() == 1 ? "1 validation error detected: "
                    : violations.size() + " validation errors detected: ";
            throw new dev.lamina.model.ServiceException(errorCode, java.util.Optional.empty(), 400, true,
                    count + String.join("; ", violations));
        }
    }

    private static void structure(ServiceModel model, JsonNode shape, JsonNode value, String path, List<String> out) {
        for (JsonNode required : shape.path("required")) {
            String name = required.asText();
            JsonNode v = value.get(name);
            if (v == null || v.isNull()) {
                String wire = RestShapes.wireName(shape.path("members").path(name), name);
                out.add("Value null at '" + path + "." + wire + "' failed to satisfy constraint: Member must not be null");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = value.get(e.getKey());
            if (v != null && !v.isNull()) {
                value(model, e.getValue().path("shape").asText(), v,
                        path + "." + RestShapes.wireName(e.getValue(), e.getKey()), out);
            }
        }
    }

    private static void value(ServiceModel model, String shapeName, JsonNode value, String path, List<String> out) {
        JsonNode shape = model.shape(shapeName);
        switch (shape.path("type").asText("string")) {
            case "structure" -> structure(model, shape, value, path, out);
            case "list" -> {
                length(shape, value.size(), value, path, out);
                int i = 1;
                for (JsonNode element : value) {
                    value(model, shape.path("member").path("shape").asText(), element, path + ".member." + i++, out);
                }
            }
            case "map" -> {
                length(shape, value.size(), value, path, out);
                value.fields().forEachRemaining(e ->
                        value(model, shape.path("value").path("shape").asText(), e.getValue(), path + "." + e.getKey(), out));
            }
            case "string" -> {
                String text = value.asText();
                if (shape.has("enum")) {
                    boolean known = false;
                    List<String> allowed = new ArrayList<>();
                    for (JsonNode option : shape.path("enum")) {
                        allowed.add(option.asText());
                        known |= option.asText().equals(text);
                    }
                    if (!known) {
                        out.add("Value '" + RestJsonDecoder.printable(text) + "' at '" + path
                                + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
                    }
                }
                length(shape, text.codePointCount(0, text.length()), value, path, out);
            }
            case "integer", "long", "double", "float" -> {
                if (shape.has("min") && value.asDouble() < shape.path("min").asDouble()) {
                    out.add("Value '" + value.asText() + "' at '" + path + "' failed to satisfy constraint: Member must"
                            + " have value greater than or equal to " + shape.path("min").asText());
                }
                if (shape.has("max") && value.asDouble() > shape.path("max").asDouble()) {
                    out.add("Value '" + value.asText() + "' at '" + path + "' failed to satisfy constraint: Member must"
                            + " have value less than or equal to " + shape.path("max").asText());
                }
            }
            default -> {
                // booleans, timestamps and blobs carry no constraints in these models
            }
        }
    }

    private static void length(JsonNode shape, int length, JsonNode value, String path, List<String> out) {
        String shown = value.isTextual() ? RestJsonDecoder.printable(value.asText()) : value.toString();
        if (shown.length() > 100) {
            shown = shown.substring(0, 100) + "…";
        }
        if (shape.has("min") && length < shape.path("min").asLong()) {
            out.add("Value '" + shown + "' at '" + path + "' failed to satisfy constraint: Member must have length"
                    + " greater than or equal to " + shape.path("min").asText());
        }
        if (shape.has("max") && length > shape.path("max").asLong()) {
            out.add("Value '" + shown + "' at '" + path + "' failed to satisfy constraint: Member must have length"
                    + " less than or equal to " + shape.path("max").asText());
        }
    }
}
