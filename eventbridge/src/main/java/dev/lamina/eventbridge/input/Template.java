package dev.lamina.eventbridge.input;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An InputTemplate and AWS's quoting rules for filling it in. A template whose first non-blank
 * character is {@code {} or {@code [} is a JSON template: a placeholder in value position becomes
 * the value's JSON (a string quoted), a placeholder inside a JSON string the value's raw text (a
 * string unquoted, a list or object its JSON text, unescaped: EventBridge does not escape what it
 * extracts). Any other template (a JSON string such as {@code "<a> is <b>"}, or free text) is
 * filled in as text: strings raw, lists and objects as JSON with every double quote removed
 * ({@code [HIGH]}, {@code {acc_id:0a7,sf_id:baz}}). A placeholder whose path reached nothing
 * becomes the empty string (in value position of a JSON template, {@code ""}).
 */
final class Template {
    private Template() {
    }

    /** A placeholder: {@code <name>} at {@code start} (inclusive) to {@code end} (exclusive). */
    record Placeholder(String name, int start, int end) {
    }

    /** The placeholders of {@code template}, in order: {@code <…>} with no {@code <}, {@code >} inside, not empty. */
    static List<Placeholder> placeholders(String template) {
        List<Placeholder> found = new ArrayList<>();
        int i = 0;
        while (true) {
            int open = template.indexOf('<', i);
            if (open < 0) {
                return found;
            }
            int close = template.indexOf('>', open + 1);
            if (close < 0) {
                return found;
            }
            int nested = template.indexOf('<', open + 1);
            if (nested >= 0 && nested < close) {
                i = nested; // "a < b <c>": the placeholder starts at the last '<'
                continue;
            }
            if (close > open + 1) {
                found.add(new Placeholder(template.substring(open + 1, close), open, close + 1));
            }
            i = close + 1;
        }
    }

    static boolean isJson(String template) {
        String t = template.strip();
        return t.startsWith("{") || t.startsWith("[");
    }

    /**
     * {@code template} with each placeholder that {@code defined} accepts replaced by its value
     * ({@code values}: null for a path that reached nothing); others are left as written.
     */
    static String fill(String template, Map<String, JsonNode> values, Predicate<String> defined) {
        boolean json = isJson(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        int copied = 0;
        for (Placeholder p : placeholders(template)) {
            if (!defined.test(p.name())) {
                continue;
            }
            out.append(template, copied, p.start());
            JsonNode value = values.get(p.name());
            if (!json) {
                out.append(text(value, true));
            } else if (insideString(template, p.start())) {
                out.append(text(value, false));
            } else {
                out.append(value == null ? "\"\"" : value.toString());
            }
            copied = p.end();
        }
        out.append(template, copied, template.length());
        return out.toString();
    }

    /** The value as text: a string raw, a number or boolean as JSON, a list or object as JSON (without quotes when asked). */
    private static String text(JsonNode value, boolean stripQuotes) {
        if (value == null) {
            return "";
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isContainerNode()) {
            String json = value.toString();
            return stripQuotes ? json.replace("\\\"", "\"").replace("\"", "") : json;
        }
        return value.toString();
    }

    /** Whether position {@code at} of a JSON template lies inside a JSON string (after an odd number of unescaped quotes). */
    private static boolean insideString(String template, int at) {
        boolean inside = false;
        for (int i = 0; i < at; i++) {
            char c = template.charAt(i);
            if (c == '\\' && inside) {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }
}
