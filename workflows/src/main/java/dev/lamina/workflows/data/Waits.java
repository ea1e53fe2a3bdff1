package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A JSONPath Wait state's deadline: Seconds, SecondsPath, Timestamp or TimestampPath, with AWS's errors. */
final class Waits {
    private Waits() {
    }

    /**
     * The deadline; AWS refuses one more than 2^31-1 seconds away ({@code Wait state delay is too
     * long.}: its recorded boundary is 24,855 days accepted, 24,856 refused).
     */
    static Instant until(ObjectNode state, JsonNode effective, Scope scope, Instant now, Failures.Where where)
            throws StatesError {
        Instant until = deadline(state, effective, scope, now, where);
        if (until.getEpochSecond() - now.getEpochSecond() > Integer.MAX_VALUE) {
            throw where.runtime("Wait state delay is too long.");
        }
        return until;
    }

    private static Instant deadline(ObjectNode state, JsonNode effective, Scope scope, Instant now,
                                    Failures.Where where) throws StatesError {
        if (state.has("Seconds")) {
            return now.plusSeconds(Math.max(0, state.get("Seconds").asLong()));
        }
        if (state.has("Timestamp")) {
            String text = state.get("Timestamp").asText();
            return Timestamps.parse(text).orElseThrow(() -> where.runtime(
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + text));
        }
        if (state.has("SecondsPath")) {
            String path = state.get("SecondsPath").asText();
            JsonNode v = read(path, effective, scope, where);
            if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
                throw where.runtime("The SecondsPath parameter cannot be parsed as a long value: " + path + " == " + text(v));
            }
            if (v.asLong() < 0) {
                throw where.runtime("The SecondsPath parameter references a negative value: " + path + " == " + text(v));
            }
            return now.plusSeconds(v.asLong());
        }
        if (state.has("TimestampPath")) {
            String path = state.get("TimestampPath").asText();
            JsonNode v = read(path, effective, scope, where);
            if (v.isTextual()) {
                var at = Timestamps.parse(v.asText());
                if (at.isPresent()) {
                    return at.get();
                }
            }
            throw where.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
                    + "date-time format string: " + path + " == " + text(v));
        }
        return now;
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static JsonNode read(String path, JsonNode effective, Scope scope, Failures.Where where) throws StatesError {
        try {
            return Paths.read(path, effective, scope);
        } catch (Paths.NotFound e) {
            throw where.invalidPath(path, e);
        }
    }
}
