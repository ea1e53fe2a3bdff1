package dev.lamina.server.lambda;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects violations of the model's constraints while a request is parsed and reports them all at
 * once, worded as AWS's front end words them:
 * {@code 2 validation errors detected: Value '100' at 'memorySize' failed to satisfy constraint:
 * Member must have value greater than or equal to 128; Value ...}.
 *
 * <p>Member paths are the model's member names in lower camel case ({@code ephemeralStorage.size}).
 * Values of sensitive members (environment variables) are never echoed.
 */
final class Violations {
    private final List<String> messages = new ArrayList<>();

    void add(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        messages.add("Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    void addSensitive(String member, String constraint) {
        messages.add("Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    void required(String member, Object value) {
        if (value == null) {
            add(member, null, "Member must not be null");
        }
    }

    void length(String member, String value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value.length() < min) {
            add(member, value, "Member must have length greater than or equal to " + min);
        } else if (value.length() > max) {
            add(member, value, "Member must have length less than or equal to " + max);
        }
    }

    void pattern(String member, String value, String regex) {
        if (value != null && !Pattern.compile(regex).matcher(value).matches()) {
            add(member, value, "Member must satisfy regular expression pattern: " + regex);
        }
    }

    void min(String member, Number value, long min) {
        if (value != null && value.doubleValue() < min) {
            add(member, value, "Member must have value greater than or equal to " + min);
        }
    }

    void max(String member, Number value, long max) {
        if (value != null && value.doubleValue() > max) {
            add(member, value, "Member must have value less than or equal to " + max);
        }
    }

    void oneOf(String member, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(member, value, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
    }

    /** Throws ValidationException listing every violation, if there is any. */
    void throwIfAny() {
        if (messages.isEmpty()) {
            return;
        }
        String count = messages.size() == 1 ? "1 validation error detected: "
                : messages.size() + " validation errors detected: ";
        throw new LambdaException(ErrorCode.VALIDATION, count + String.join("; ", messages));
    }
}
