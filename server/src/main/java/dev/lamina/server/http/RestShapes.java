package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.ServiceException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What the rest-json codec reads off a model's shapes and members, and its one kind of client error. */
final class RestShapes {
    private RestShapes() {
    }

    /** The JSON key of a member: its {@code locationName}, else its {@code jsonName}, else its name. */
    static String wireName(JsonNode member, String memberName) {
        if (member.path("locationName").isTextual()) {
            return member.path("locationName").asText();
        }
        if (member.path("jsonName").isTextual()) {
            return member.path("jsonName").asText();
        }
        return memberName;
    }

    static String type(ServiceModel model, JsonNode member) {
        return model.shape(member.path("shape").asText()).path("type").asText("string");
    }

    /** A member's timestamp format: the member's trait, else its shape's, else the location's default. */
    static String timestampFormat(ServiceModel model, JsonNode member, String locationDefault) {
        if (member.path("timestampFormat").isTextual()) {
            return member.path("timestampFormat").asText();
        }
        return model.shape(member.path("shape").asText()).path("timestampFormat").asText(locationDefault);
    }

    /** API Gateway's answer to input it cannot take (400 BadRequestException). */
    static ServiceException badRequest(String message) {
        return new ServiceException("BadRequestException", Optional.empty(), 400, true, message);
    }

    /**
     * A timestamp as the codec hands it to operations and takes it back: an ISO-8601 instant. On the
     * wire it may be epoch seconds (a JSON number or its text), ISO-8601, or an HTTP date.
     */
    static Optional<Instant> instant(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(epochSeconds(value.decimalValue()));
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        try {
            return Optional.of(epochSeconds(new java.math.BigDecimal(text)));
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            // not ISO-8601 with a Z
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            // nor with an offset
        }
        try {
            return Optional.of(java.time.ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Instant epochSeconds(java.math.BigDecimal seconds) {
        long whole = seconds.longValue();
        int nanos = seconds.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** An instant in a wire format: {@code unixTimestamp} (a number), {@code iso8601}, or {@code rfc822}. */
    static JsonNode format(Instant instant, String format) {
        return switch (format) {
            case "iso8601" -> Json.MAPPER.getNodeFactory().textNode(DateTimeFormatter.ISO_INSTANT.format(instant));
            case "rfc822" -> Json.MAPPER.getNodeFactory().textNode(
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC)));
            default -> instant.getNano() == 0 ? Json.MAPPER.getNodeFactory().numberNode(instant.getEpochSecond())
                    : Json.MAPPER.getNodeFactory().numberNode(instant.getEpochSecond() + instant.getNano() / 1e9);
        };
    }
}
