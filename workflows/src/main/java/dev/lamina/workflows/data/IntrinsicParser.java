package dev.lamina.workflows.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses intrinsic function calls ({@code States.Format('a {}', States.ArrayGetItem($.x, 0))}) into a
 * tree. Arguments are string literals in single quotes (with {@code \'}, {@code \{}, {@code \}},
 * {@code \\} escapes), numbers, {@code true}/{@code false}/{@code null}, paths ({@code $.a},
 * {@code $$.Execution.Id}, {@code $var}) and nested calls, at most 10 deep as AWS allows. Parsed
 * trees are cached: a definition's expressions are parsed once.
 */
final class IntrinsicParser {
    static final int MAX_DEPTH = 10;
    private static final Map<String, Call> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    sealed interface Expr permits Literal, PathRef, Call {
    }

    /** @param raw for a string literal, its text between the quotes with escapes kept (States.Format reads them); else the token */
    record Literal(JsonNode value, String raw) implements Expr {
    }

    record PathRef(String path) implements Expr {
    }

    /** @param name without the {@code States.} prefix */
    record Call(String name, List<Expr> args) implements Expr {
        Call {
            args = List.copyOf(args);
        }
    }

    /** Text that is not one well-formed intrinsic call; the message says where. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether a {@code .$} value is an intrinsic call rather than a path. */
    static boolean isCall(String text) {
        return text.startsWith("States.");
    }

    static Call parse(String text) throws Invalid {
        Call cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        IntrinsicParser p = new IntrinsicParser(text);
        p.skipSpace();
        Call call = p.call(1);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.invalid("unexpected text after the function call");
        }
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(text, call);
        }
        return call;
    }

    private final String text;
    private int pos;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    private Invalid invalid(String why) {
        return new Invalid("The value '" + text + "' is not a valid intrinsic function: " + why + " at position " + pos);
    }

    private Call call(int depth) throws Invalid {
        if (depth > MAX_DEPTH) {
            throw invalid("more than " + MAX_DEPTH + " nested intrinsic functions");
        }
        if (!text.startsWith("States.", pos)) {
            throw invalid("expected 'States.'");
        }
        pos += "States.".length();
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw invalid("expected a function name");
        }
        skipSpace();
        expect('(');
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (peek() == ')') {
            pos++;
            return new Call(name, args);
        }
        while (true) {
            skipSpace();
            args.add(argument(depth));
            skipSpace();
            char c = peek();
            pos++;
            if (c == ')') {
                return new Call(name, args);
            }
            if (c != ',') {
                pos--;
                throw invalid("expected ',' or ')'");
            }
        }
    }

    private Expr argument(int depth) throws Invalid {
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (text.startsWith("States.", pos)) {
            return call(depth + 1);
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos;
            pos++;
            while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String token = text.substring(start, pos);
            try {
                JsonNode n = Paths.JSON.readTree(token);
                if (n == null || !n.isNumber()) {
                    throw invalid("not a number: " + token);
                }
                return new Literal(n, token);
            } catch (JsonProcessingException e) {
                throw invalid("not a number: " + token);
            }
        }
        for (String word : new String[]{"true", "false", "null"}) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                JsonNode v = switch (word) {
                    case "true" -> JsonNodeFactory.instance.booleanNode(true);
                    case "false" -> JsonNodeFactory.instance.booleanNode(false);
                    default -> JsonNodeFactory.instance.nullNode();
                };
                return new Literal(v, word);
            }
        }
        throw invalid("expected an argument");
    }

    private Literal string() throws Invalid {
        pos++;
        StringBuilder value = new StringBuilder();
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                value.append(text.charAt(pos + 1));
                pos += 2;
            } else if (c == '\'') {
                String raw = text.substring(start, pos);
                pos++;
                return new Literal(JsonNodeFactory.instance.textNode(value.toString()), raw);
            } else {
                value.append(c);
                pos++;
            }
        }
        throw invalid("unterminated string literal");
    }

    /** A path runs to the next ',' or ')' outside brackets and quotes. */
    private PathRef path() throws Invalid {
        int start = pos;
        int depth = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            pos++;
        }
        if (pos > text.length() || quote != 0 || depth != 0) {
            pos = Math.min(pos, text.length());
            throw invalid("unterminated path");
        }
        String path = text.substring(start, pos).strip();
        if (path.isEmpty()) {
            throw invalid("unterminated path");
        }
        return new PathRef(path);
    }

    private void expect(char c) throws Invalid {
        if (peek() != c) {
            throw invalid("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
