package dev.lamina.model;

import java.util.regex.Pattern;

/** A twelve-digit AWS account id; Lamina serves exactly one. */
public record AccountId(String id) {
    private static final Pattern PATTERN = Pattern.compile("\\d{12}");

    public AccountId {
        if (id == null || !PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("an account id is twelve digits: " + id);
        }
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    @Override
    public String toString() {
        return id;
    }
}
