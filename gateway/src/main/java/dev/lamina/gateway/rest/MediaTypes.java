package dev.lamina.gateway.rest;

import java.util.List;
import java.util.Locale;

/** A REST API's binaryMediaTypes against a Content-Type or Accept header ({@code image/*}, {@code *}{@code /*}). */
final class MediaTypes {
    private MediaTypes() {
    }

    /** Whether one of {@code header}'s media types (comma-separated, parameters ignored) is binary for the API. */
    static boolean binary(List<String> binaryTypes, String header) {
        if (binaryTypes.isEmpty() || header == null || header.isBlank()) {
            return false;
        }
        for (String part : header.split(",")) {
            String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            for (String pattern : binaryTypes) {
                if (matches(pattern.toLowerCase(Locale.ROOT), type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String type) {
        if (pattern.equals("*/*") || pattern.equals(type)) {
            return true;
        }
        int slash = pattern.indexOf('/');
        return pattern.endsWith("/*") && type.startsWith(pattern.substring(0, slash + 1));
    }
}
