package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.ServiceException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks an operation's input (member names, as decoded) against its model: required members,
 * enums, {@code pattern} (the whole value must match), and {@code min}/{@code max} (the length of
 * strings, lists and maps; the value of numbers), at every depth. Every violation is reported at
 * once, worded as AWS's validation errors are ({@code 1 validation error detected: Value null at
 * 'createRestApiInput.name' failed to satisfy constraint: Member must not be null}), under the
 * service's own error code (API Gateway's BadRequestException; ValidationException for Scheduler
 * and EventBridge). With {@link InputValidation.Paths#MEMBER} (the JSON protocol services) a member
 * of the wrong JSON type is a SerializationException, as AWS's JSON protocols answer.
 */
final class RestJsonValidator {
    /** Regular expressions of the models, compiled once; a pattern Java cannot compile is not checked. */
    private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();

    private RestJsonValidator() {
    }

    /** Validates under API Gateway's BadRequestException. */
    static void validate(ServiceModel model, String operation, JsonNode input) {
        validate(model, operation, input, "BadRequestException");
    }

    /** Validates, naming members as API Gateway does; violations are a 400 {@code errorCode} (a caller's fault). */
    static void validate(ServiceModel model, String operation, JsonNode input, String errorCode) {
        validate(new InputValidation(model, errorCode, InputValidation.Paths.OPERATION_INPUT), operation, input);
    }

    static void validate(InputValidation how, String operation, JsonNode input) {
        ServiceModel model = how.model();
        String shapeName = model.inputShape(operation).orElse(null);
        if (shapeName == null) {
            return;
        }
        List<String> violations = new ArrayList<>();
        boolean member = how.paths() == InputValidation.Paths.MEMBER;
        String root = member ? "" : Character.toLowerCase(operation.charAt(0)) + operation.substring(1) + "Input";
        new Walk(model, member, violations).structure(model.shape(shapeName), input, root);
        if (!violations.isEmpty()) {
            String count = violations.size() == 1 ? "1 validation error detected: "
                    : violations.size() + " validation errors detected: ";
            throw new ServiceException(how.errorCode(), Optional.empty(), 400, true,
                    count + String.join("; ", violations));
        }
    }

    private record Walk(ServiceModel model, boolean member, List<String> out) {

        private String child(String path, JsonNode memberShape, String name) {
            String wire = member ? Character.toLowerCase(name.charAt(0)) + name.substring(1)
                    : RestShapes.wireName(memberShape, name);
            return path.isEmpty() ? wire : path + "." + wire;
        }

        void structure(JsonNode shape, JsonNode value, String path) {
            if (member && !value.isObject()) {
                throw mistyped(path);
            }
            for (JsonNode required : shape.path("required")) {
                String name = required.asText();
                JsonNode v = value.get(name);
                if (v == null || v.isNull()) {
                    out.add("Value null at '" + child(path, shape.path("members").path(name), name)
                            + "' failed to satisfy constraint: Member must not be null");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = value.get(e.getKey());
                if (v != null && !v.isNull()) {
                    value(e.getValue().path("shape").asText(), v, child(path, e.getValue(), e.getKey()));
                }
            }
        }

        void value(String shapeName, JsonNode value, String path) {
            JsonNode shape = model.shape(shapeName);
            switch (shape.path("type").asText("string")) {
                case "structure" -> structure(shape, value, path);
                case "list" -> {
                    if (member && !value.isArray()) {
                        throw mistyped(path);
                    }
                    length(shape, value.size(), value, path);
                    int i = 1;
                    for (JsonNode element : value) {
                        if (!element.isNull()) {
                            value(shape.path("member").path("shape").asText(), element,
                                    member ? path + "." + i++ + ".member" : path + ".member." + i++);
                        } else {
                            i++;
                        }
                    }
                }
                case "map" -> {
                    if (member && !value.isObject()) {
                        throw mistyped(path);
                    }
                    length(shape, value.size(), value, path);
                    value.fields().forEachRemaining(e -> {
                        if (!e.getValue().isNull()) {
                            value(shape.path("value").path("shape").asText(), e.getValue(), path + "." + e.getKey());
                        }
                    });
                }
                case "string" -> {
                    if (member && !value.isTextual()) {
                        throw mistyped(path);
                    }
                    string(shape, value, path);
                }
                case "integer", "long", "double", "float" -> {
                    if (member && !value.isNumber()) {
                        throw mistyped(path);
                    }
                    number(shape, value, path);
                }
                case "boolean" -> {
                    if (member && !value.isBoolean()) {
                        throw mistyped(path);
                    }
                }
                case "timestamp" -> {
                    if (member && !value.isNumber() && !value.isTextual()) {
                        throw mistyped(path);
                    }
                }
                default -> {
                    // blobs and documents carry no constraints in these models
                }
            }
        }

        private void string(JsonNode shape, JsonNode value, String path) {
            String text = value.asText();
            int length = text.codePointCount(0, text.length());
            if (shape.path("pattern").isTextual() && !(shape.has("max") && length > 16L * shape.path("max").asLong())) {
                // (a value far over its maximum is only reported as too long: no regex runs over megabytes)
                String regex = shape.path("pattern").asText();
                Optional<Pattern> compiled = PATTERNS.computeIfAbsent(regex, RestJsonValidator::compile);
                if (compiled.isPresent() && !compiled.get().matcher(text).matches()) {
                    out.add("Value '" + RestJsonDecoder.printable(text) + "' at '" + path
                            + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + regex);
                }
            }
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
            length(shape, length, value, path);
        }

        private void number(JsonNode shape, JsonNode value, String path) {
            if (shape.has("min") && value.asDouble() < shape.path("min").asDouble()) {
                out.add("Value '" + value.asText() + "' at '" + path + "' failed to satisfy constraint: Member must"
                        + " have value greater than or equal to " + shape.path("min").asText());
            }
            if (shape.has("max") && value.asDouble() > shape.path("max").asDouble()) {
                out.add("Value '" + value.asText() + "' at '" + path + "' failed to satisfy constraint: Member must"
                        + " have value less than or equal to " + shape.path("max").asText());
            }
        }

        private void length(JsonNode shape, int length, JsonNode value, String path) {
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

    /** A member of the wrong JSON type: AWS's JSON protocols answer SerializationException. */
    private static ServiceException mistyped(String path) {
        return new ServiceException("SerializationException", Optional.empty(), 400, true,
                "Unexpected JSON type" + (path.isEmpty() ? "" : " at '" + path + "'"));
    }

    private static Optional<Pattern> compile(String regex) {
        try {
            return Optional.of(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }
}
