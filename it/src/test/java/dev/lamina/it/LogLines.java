package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The lines of an invocation's log tail, and the JSON records among them. */
record LogLines(List<String> lines) {
    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    static LogLines of(Functions.Invocation r) {
        return new LogLines(r.log().lines().toList());
    }

    /** Every line that is a JSON object. */
    List<JsonNode> records() {
        return lines.stream().filter(l -> l.startsWith("{")).map(LogLines::parse).toList();
    }

    /** The platform records of {@code type} ("platform.report"). */
    List<JsonNode> platform(String type) {
        return records().stream().filter(r -> r.path("type").asText().equals(type)).toList();
    }

    /** The application records whose message (as text) contains {@code text}. */
    List<JsonNode> withMessage(String text) {
        return records().stream().filter(r -> r.has("message") && r.get("message").toString().contains(text)).toList();
    }

    /** The single application record whose message contains {@code text}. */
    JsonNode only(String text) {
        List<JsonNode> found = withMessage(text);
        if (found.size() != 1) {
            throw new AssertionError("expected one record with \"" + text + "\" in\n" + String.join("\n", lines));
        }
        return found.getFirst();
    }

    boolean mentions(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    /** Numbers kept as written ("1.50" stays 1.50), so a test can check their decimals. */
    private static final com.fasterxml.jackson.databind.ObjectReader EXACT = Functions.JSON.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    static JsonNode parse(String line) {
        try {
            return EXACT.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }
}
