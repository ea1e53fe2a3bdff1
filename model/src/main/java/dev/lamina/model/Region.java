package dev.lamina.model;

import java.util.regex.Pattern;

/** An AWS region name such as {@code us-east-1}; Lamina serves exactly one. */
public record Region(String name) {
    private static final Pattern PATTERN = Pattern.compile("[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}");

    public Region {
        if (name == null || !PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("not a region name: " + name);
        }
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    @Override
    public String toString() {
        return name;
    }
}
