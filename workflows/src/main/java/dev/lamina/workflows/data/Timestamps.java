package dev.lamina.workflows.data;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Timestamps as the States Language takes them: the RFC 3339 profile of ISO 8601 with an uppercase
 * {@code T} between date and time and an uppercase {@code Z} or a numeric offset
 * ({@code 2016-03-14T01:59:00Z}, {@code 2016-03-14T01:59:00.123456789+01:00}); no date-only forms,
 * no missing zone.
 */
final class Timestamps {
    private static final Pattern SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    static Optional<Instant> parse(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
