package dev.lamina.server.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** The ISO-8601 basic timestamps of SigV4, such as {@code 20150830T123600Z}. */
final class SigV4Time {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    private SigV4Time() {
    }

    static Optional<Instant> parse(String value) {
        if (value.length() != 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(FORMAT.parse(value, Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
