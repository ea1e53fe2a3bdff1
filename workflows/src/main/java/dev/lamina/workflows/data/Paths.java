package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONPath paths as Step Functions evaluates them: Jayway JsonPath (which AWS uses) over Jackson
 * trees, with the three roots AWS knows — {@code $} (the input given), {@code $$} (the context
 * object) and {@code $name} (a variable). An indefinite path ({@code [*]}, slices, filters) that
 * matches nothing gives an empty array, as AWS does; a definite one that matches nothing is
 * {@link NotFound} with Jayway's message, which AWS quotes in its causes.
 *
 * <p>Results may share nodes with the document they came from: callers treat every tree as immutable
 * and copy before changing one.
 */
final class Paths {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
            .mappingProvider(new JacksonMappingProvider(JSON))
            .build();
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;
    /** {@code $name} followed by the rest of the path; AWS's variable names are identifiers. */
    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);

    private Paths() {
    }

    /** A path that matched nothing (or cannot be read); {@link #getMessage()} is Jayway's text. */
    static final class NotFound extends Exception {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** The value {@code path} selects: from {@code input} ({@code $…}), the context ({@code $$…}) or a variable ({@code $x…}). */
    static JsonNode read(String path, JsonNode input, Scope scope) throws NotFound {
        if (path.startsWith("$$")) {
            return query(path.substring(1), scope.context());
        }
        Matcher variable = VARIABLE.matcher(path);
        if (variable.matches()) {
            JsonNode value = scope.variables().get(variable.group(1));
            if (value == null) {
                throw new NotFound("No results for path: $['" + variable.group(1) + "']");
            }
            return query("$" + variable.group(2), value);
        }
        return query(path, input);
    }

    /** Whether {@code path} selects something (IsPresent). */
    static boolean present(String path, JsonNode input, Scope scope) {
        try {
            JsonNode v = read(path, input, scope);
            return !(isIndefinite(path) && v.isArray() && v.isEmpty());
        } catch (NotFound e) {
            return false;
        }
    }

    /** Whether a path (of any root) may select several nodes, so that its result is an array. */
    static boolean isIndefinite(String path) {
        String p = path.startsWith("$$") ? path.substring(1) : path;
        Matcher variable = VARIABLE.matcher(p);
        if (variable.matches()) {
            p = "$" + variable.group(2);
        }
        if (p.equals("$")) {
            return false;
        }
        try {
            return !compile(p).isDefinite();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static JsonNode query(String path, JsonNode document) throws NotFound {
        if (path.equals("$")) {
            return document;
        }
        JsonPath compiled;
        try {
            compiled = compile(path);
        } catch (InvalidPathException e) {
            throw new NotFound(e.getMessage());
        }
        try {
            return toNode(compiled.read(document, JAYWAY));
        } catch (PathNotFoundException e) {
            if (!compiled.isDefinite()) {
                return JsonNodeFactory.instance.arrayNode();
            }
            throw new NotFound(e.getMessage());
        } catch (InvalidPathException e) {
            throw new NotFound(e.getMessage());
        } catch (RuntimeException e) {
            // Jayway's filters and functions throw their own kinds; to a state they are all "no results".
            throw new NotFound(String.valueOf(e.getMessage()));
        }
    }

    private static JsonPath compile(String path) {
        JsonPath cached = COMPILED.get(path);
        if (cached != null) {
            return cached;
        }
        JsonPath compiled = JsonPath.compile(path.indexOf('\\') < 0 ? path : literalBackslashes(path));
        if (COMPILED.size() < CACHE_LIMIT) {
            COMPILED.put(path, compiled);
        }
        return compiled;
    }

    /**
     * AWS's Jayway keeps a backslash in a quoted bracket name unless it escapes that name's quote
     * ({@code $['a\"b']} names the key {@code a\"b}); newer Jayway drops it, so it is doubled here.
     */
    static String literalBackslashes(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote == 0) {
                if ((c == '\'' || c == '"') && i > 0 && path.charAt(i - 1) == '[') {
                    quote = c;
                }
                out.append(c);
            } else if (c == '\\') {
                boolean escapesQuote = i + 1 < path.length() && path.charAt(i + 1) == quote;
                out.append(escapesQuote ? "\\" + quote : "\\\\");
                if (escapesQuote) {
                    i++;
                }
            } else {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    static JsonNode toNode(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        return value == null ? JsonNodeFactory.instance.nullNode() : JSON.valueToTree(value);
    }
}
