package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what Lamina answered with what AWS recorded, by the rules of
 * ../shared/conformance/stepfunctions/README.md: JSON values (key order and whitespace do not
 * matter); {@code <…>} placeholders, the recording account {@code 111111111111}, the date words and
 * the case file's {@code wildcardWords} as wildcards; expected objects that were stored parsed from
 * a string compared with the parsed actual string; {@code stackTrace} never compared.
 */
final class ConformanceMatch {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DATE_WORDS = Set.of("date", "datetime", "timestamp");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");
    private static final String ACCOUNT = "111111111111";

    private final Set<String> words;
    private final List<String> distinctive;

    ConformanceMatch(JsonNode wildcardWords) {
        Set<String> all = new HashSet<>(DATE_WORDS);
        wildcardWords.forEach(w -> all.add(w.asText()));
        this.words = Set.copyOf(all);
        this.distinctive = all.stream()
                .filter(w -> w.length() >= 8 && (w.contains("_") || w.contains("-")))
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    /**
     * The first difference between an expected value and an API string (an execution's output, an
     * error's cause), or empty when they match. A textual expectation is compared as text, or as a JSON
     * value when both sides parse; any other expectation with the parsed actual text.
     */
    Optional<String> text(JsonNode expected, String actual, String where) {
        if (expected == null || expected.isMissingNode() || expected.isNull()) {
            return actual == null ? Optional.empty() : Optional.of(where + ": expected none but was " + actual);
        }
        if (actual == null) {
            return Optional.of(where + ": expected " + expected + " but was none");
        }
        if (expected.isTextual()) {
            if (string(expected.asText(), actual)) {
                return Optional.empty();
            }
            Optional<JsonNode> e = parse(expected.asText());
            Optional<JsonNode> a = parse(actual);
            if (e.isPresent() && a.isPresent()) {
                return value(e.get(), a.get(), where);
            }
            return Optional.of(where + ": expected " + expected + " but was " + JSON.valueToTree(actual));
        }
        Optional<JsonNode> a = parse(actual);
        return a.isEmpty() ? Optional.of(where + ": expected " + expected + " but was the text " + actual)
                : value(expected, a.get(), where);
    }

    /** The first difference between two JSON values, or empty when they match. */
    Optional<String> value(JsonNode expected, JsonNode actual, String where) {
        if (expected.isTextual()) {
            String e = expected.asText();
            if (words.contains(e) && (scalar(actual) || actual.isArray() && !actual.isEmpty()
                    && java.util.stream.StreamSupport.stream(actual.spliterator(), false).allMatch(ConformanceMatch::scalar))) {
                // The recording replaced the whole value, e.g. an HTTP header's ["Mon, 7 Dec …"] by "date".
                return Optional.empty();
            }
            if (actual.isTextual() && string(e, actual.asText())) {
                return Optional.empty();
            }
            if (actual.isTextual()) {
                // Strings that hold JSON documents (e.g. a Lambda error's Cause inside an output) compare as values.
                Optional<JsonNode> pe = parse(e).filter(JsonNode::isContainerNode);
                Optional<JsonNode> pa = parse(actual.asText()).filter(JsonNode::isContainerNode);
                if (pe.isPresent() && pa.isPresent()) {
                    return value(pe.get(), pa.get(), where);
                }
            }
            return differ(expected, actual, where);
        }
        if (expected.isContainerNode() && actual.isTextual()) {
            Optional<JsonNode> parsed = parse(actual.asText());
            return parsed.isPresent() ? value(expected, parsed.get(), where) : differ(expected, actual, where);
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? Optional.empty()
                    : differ(expected, actual, where);
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> keys = new HashSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys.stream().sorted().toList()) {
                if (key.equals("stackTrace")) {
                    continue;
                }
                if (!expected.has(key) || !actual.has(key)) {
                    return Optional.of(where + "." + key + ": " + (expected.has(key)
                            ? "missing, expected " + expected.get(key) : "unexpected " + actual.get(key)));
                }
                Optional<String> d = value(expected.get(key), actual.get(key), where + "." + key);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return differ(expected, actual, where);
            }
            Iterator<JsonNode> a = actual.iterator();
            int i = 0;
            for (JsonNode e : expected) {
                Optional<String> d = value(e, a.next(), where + "[" + i++ + "]");
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return expected.equals(actual) ? Optional.empty() : differ(expected, actual, where);
    }

    /** Text equality with the wildcards: whole-value words, {@code <…>}, the account, distinctive words inside. */
    boolean string(String expected, String actual) {
        if (expected.equals(actual) || words.contains(expected)) {
            return true;
        }
        if (!PLACEHOLDER.matcher(expected).find() && !expected.contains(ACCOUNT)
                && distinctive.stream().noneMatch(expected::contains)) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile(PLACEHOLDER.pattern() + "|" + ACCOUNT
                + distinctive.stream().map(w -> "|" + Pattern.quote(w)).reduce("", String::concat)).matcher(expected);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(expected.substring(last, m.start())));
            regex.append(m.group().equals(ACCOUNT) ? "\\d{12}" : "(?s:.*?)");
            last = m.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    private static boolean scalar(JsonNode n) {
        return n.isTextual() || n.isNumber();
    }

    private static Optional<String> differ(JsonNode expected, JsonNode actual, String where) {
        return Optional.of(where + ": expected " + expected + " but was " + actual);
    }

    static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text)).filter(n -> !n.isMissingNode());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
