package dev.lamina.logs.filter;

import java.util.Arrays;
import java.util.List;

/**
 * Parses filter patterns. For now only the simplest form: terms separated by spaces, all of which
 * must occur in the message (case-sensitive).
 */
final class FilterPatternParser {
    private FilterPatternParser() {
    }

    static FilterPattern parse(String text) {
        if (text == null || text.isBlank()) {
            return FilterPattern.ALL;
        }
        List<String> terms = Arrays.stream(text.trim().split("\\s+")).toList();
        return message -> terms.stream().allMatch(message::contains);
    }
}
