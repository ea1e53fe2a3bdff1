package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The syntax of what JSONPath states write in their fields: paths ({@code $.a[0]}), reference
 * paths (a single node: no wildcards, filters, slices or deep scan), the context object
 * ({@code $$.Execution.Id}), variables ({@code $name.field}), intrinsic function calls
 * ({@code States.Format('{}', $.a)}) and the payload templates (Parameters, ResultSelector,
 * ItemSelector, Assign) whose {@code "key.$"} values are one of those. Also the syntax of JSONata
 * states' {@code {% … %}} expressions.
 */
final class Paths {
    private Paths() {
    }

    static final Set<String> INTRINSICS = Set.of("Format", "StringToJson", "JsonToString", "Array", "ArrayPartition",
            "ArrayContains", "ArrayRange", "ArrayGetItem", "ArrayLength", "ArrayUnique", "Base64Encode",
            "Base64Decode", "Hash", "JsonMerge", "MathRandom", "MathAdd", "StringSplit", "UUID");

    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern INTRINSIC = Pattern.compile("^States\\.([A-Za-z0-9]+)\\((.*)\\)$", Pattern.DOTALL);

    /** A JSONPath ({@code $…}), the context object ({@code $$…}) or a variable ({@code $name…}). */
    static boolean path(String text) {
        String p = normalize(text);
        if (p == null) {
            return false;
        }
        try {
            JsonPath.compile(p);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A path that names at most one node. */
    static boolean referencePath(String text) {
        if (!path(text)) {
            return false;
        }
        String p = normalize(text);
        boolean quoted = false;
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (quoted) {
                if (c == quote) {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> {
                    quoted = true;
                    quote = c;
                }
                case '[' -> depth++;
                case ']' -> depth--;
                case '*', '?', '@' -> {
                    return false;
                }
                case ':', ',' -> {
                    if (depth > 0) {
                        return false;
                    }
                }
                case '.' -> {
                    if (i + 1 < p.length() && p.charAt(i + 1) == '.') {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    /** The text as a plain JSONPath rooted at {@code $}, or null when it is not rooted at all. */
    private static String normalize(String text) {
        if (text == null || !text.startsWith("$")) {
            return null;
        }
        if (text.startsWith("$$")) {
            return text.substring(1);
        }
        var m = VARIABLE.matcher(text);
        if (m.find()) {
            return "$" + text.substring(m.end());
        }
        return text;
    }

    /** An intrinsic function call with a known name and balanced parentheses and quotes (arguments unchecked). */
    static boolean intrinsic(String text) {
        var m = INTRINSIC.matcher(text.strip());
        if (!m.matches() || !INTRINSICS.contains(m.group(1))) {
            return false;
        }
        int depth = 0;
        boolean quoted = false;
        String args = m.group(2);
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0 && !quoted;
    }

    /**
     * Checks a payload template: every {@code "key.$"} holds a path or an intrinsic function call. AWS
     * locates a bad one at the template itself ({@code /States/S/Parameters}), however deep it is.
     */
    static void template(JsonNode node, String location, Findings findings) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().endsWith(".$")) {
                    JsonNode v = e.getValue();
                    if (!v.isTextual() || !(path(v.asText()) || intrinsic(v.asText()))) {
                        findings.schema("The value for the field '" + e.getKey() + "' must be a valid JSONPath "
                                + "or a valid intrinsic function call", location);
                    }
                } else {
                    template(e.getValue(), location, findings);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                template(node.get(i), location, findings);
            }
        }
    }

    /** Checks every {@code {% … %}} string under {@code node} parses as JSONata. */
    static void jsonata(JsonNode node, String location, Findings findings) {
        if (node.isTextual()) {
            String s = node.asText();
            if (s.startsWith("{%") && s.endsWith("%}") && s.length() >= 4) {
                try {
                    com.dashjoin.jsonata.Jsonata.jsonata(s.substring(2, s.length() - 2));
                } catch (RuntimeException | StackOverflowError e) {
                    findings.error(Findings.INVALID_JSONATA, String.valueOf(e.getMessage()), location);
                }
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> jsonata(e.getValue(), location + "/" + e.getKey(), findings));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                jsonata(node.get(i), location + "[" + i + "]", findings);
            }
        }
    }
}
