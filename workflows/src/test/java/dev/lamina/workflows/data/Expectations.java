package dev.lamina.workflows.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares a recorded AWS value with an actual one as the conformance README says: {@code <...>}
 * placeholders and the words {@code date}/{@code timestamp} are wildcards, a recorded string that
 * holds JSON matches the value it holds, numbers compare by value.
 */
final class Expectations {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");

    private Expectations() {
    }

    static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return expected == actual || (expected != null && expected.isNull() && actual == null);
        }
        if (expected.isTextual()) {
            if (actual.isTextual()) {
                return text(expected.asText(), actual.asText());
            }
            try {
                JsonNode parsed = Paths.JSON.readTree(expected.asText());
                return parsed != null && !parsed.isTextual() && matches(parsed, actual);
            } catch (JsonProcessingException e) {
                return false;
            }
        }
        if (actual.isTextual() && (expected.isObject() || expected.isArray())) {
            try {
                return matches(expected, Paths.JSON.readTree(actual.asText()));
            } catch (JsonProcessingException e) {
                return false;
            }
        }
        if (expected.isNumber()) {
            return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isObject()) {
            if (!actual.isObject() || expected.size() != actual.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> f : expected.properties()) {
                if (!matches(f.getValue(), actual.get(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || expected.size() != actual.size()) {
                return false;
            }
            Iterator<JsonNode> a = actual.iterator();
            for (JsonNode e : expected) {
                if (!matches(e, a.next())) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    static boolean text(String expected, String actual) {
        if (expected.equals("date") || expected.equals("timestamp") || expected.equals("datetime")) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        var m = PLACEHOLDER.matcher(expected);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(expected.substring(last, m.start()))).append("(?s:.*)");
            last = m.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        // The recording's account id stands for any account id.
        String pattern = regex.toString().replace("111111111111", "\\E\\d{12}\\Q");
        return Pattern.compile(pattern, Pattern.DOTALL).matcher(actual).matches();
    }
}
