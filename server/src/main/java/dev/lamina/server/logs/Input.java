package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.http.JsonServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads and checks the members of one Logs request against the model's constraints. A member of the
 * wrong JSON type is a SerializationException; a value outside its constraints an
 * InvalidParameterException worded as AWS words validation errors.
 */
final class Input {
    static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]+");
    static final Pattern GROUP_IDENTIFIER = Pattern.compile("[\\w#+=/:,.@-]*");
    static final Pattern STREAM_NAME = Pattern.compile("[^:*]*");

    private final ObjectNode node;

    Input(ObjectNode node) {
        this.node = node;
    }

    Optional<String> string(String member, int min, int max, Pattern pattern) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw serialization(member, "a string");
        }
        return Optional.of(checked(member, v.textValue(), min, max, pattern));
    }

    /** A list of strings, each constrained as {@link #string} constrains one; empty when absent. */
    List<String> strings(String member, int minItems, int maxItems, int min, int max, Pattern pattern) {
        return list(member, minItems, maxItems).stream().map(n -> {
            if (!n.isTextual()) {
                throw serialization(member, "a list of strings");
            }
            return checked(member, n.textValue(), min, max, pattern);
        }).toList();
    }

    /** {@code s}, if its length in code points and its pattern are as the model says. */
    private static String checked(String member, String s, int min, int max, Pattern pattern) {
        int length = s.codePointCount(0, s.length());
        if (length < min) {
            throw invalid(member, s, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            throw invalid(member, s, "Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw invalid(member, s, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return s;
    }

    String required(String member, int min, int max, Pattern pattern) {
        return string(member, min, max, pattern).orElseThrow(() -> missing(member));
    }

    OptionalLong timestamp(String member) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw serialization(member, "a long");
        }
        if (v.longValue() < 0) {
            throw invalid(member, v.asText(), "Member must have value greater than or equal to 0");
        }
        return OptionalLong.of(v.longValue());
    }

    OptionalInt integer(String member, int min, int max) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw serialization(member, "an integer");
        }
        int i = v.intValue();
        if (i < min) {
            throw invalid(member, Integer.toString(i), "Member must have value greater than or equal to " + min);
        }
        if (i > max) {
            throw invalid(member, Integer.toString(i), "Member must have value less than or equal to " + max);
        }
        return OptionalInt.of(i);
    }

    boolean bool(String member) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw serialization(member, "a boolean");
        }
        return v.booleanValue();
    }

    /** A list member: empty when absent; each element must be an object or string as the caller reads it. */
    List<JsonNode> list(String member, int min, int max) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw serialization(member, "a list");
        }
        if (v.size() < min) {
            throw invalid(member, "[…]", "Member must have length greater than or equal to " + min);
        }
        if (v.size() > max) {
            throw invalid(member, "[…]", "Member must have length less than or equal to " + max);
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    JsonNode raw(String member) {
        return node.get(member);
    }

    static JsonServiceException invalid(String member, String value, String constraint) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return invalidParameter("1 validation error detected: Value '" + shown + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    static JsonServiceException missing(String member) {
        return invalidParameter("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    static JsonServiceException invalidParameter(String message) {
        return new JsonServiceException("InvalidParameterException", message);
    }

    static JsonServiceException serialization(String member, String type) {
        return new JsonServiceException("SerializationException", "The member " + member + " must be " + type + ".");
    }
}
