package dev.lamina.model;

import java.util.regex.Pattern;

/**
 * The bare name of a function: 1 to 64 letters, digits, hyphens and underscores. Partial and
 * full ARNs are parsed by {@link FunctionRef}; this type only ever holds the name itself.
 */
public record FunctionName(String value) implements Comparable<FunctionName> {
    public static final int MAX_LENGTH = 64;
    private static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public FunctionName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a function name: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    @Override
    public int compareTo(FunctionName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
