package dev.lamina.server.http;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Header values as SigV4 canonicalises them: each value trimmed and its inner runs of spaces and
 * tabs folded to one space, and the values of a repeated header joined with commas after that, so
 * {@code "a "} and {@code " b"} read as {@code "a,b"} (not {@code "a , b"}), as AWS computes them.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** Trimmed, with every run of spaces and tabs inside folded to one space. */
    public static String fold(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A header's value as requests see it: absent, its single value as sent, or, when it is
     * repeated, every value folded and then joined with commas.
     */
    public static Optional<String> joined(List<String> values) {
        return switch (values.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(values.getFirst());
            default -> Optional.of(values.stream().map(HeaderValues::fold).collect(Collectors.joining(",")));
        };
    }
}
