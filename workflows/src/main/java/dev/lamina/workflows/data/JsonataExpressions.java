package dev.lamina.workflows.data;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates the {@code {% expression %}} strings of JSONata states with com.dashjoin:jsonata, and
 * turns every way an evaluation can fail into AWS's {@code States.QueryEvaluationError} with AWS's
 * cause: "An error occurred while executing the state 'S' (entered at the event id #N). The JSONata
 * expression 'E' specified for the field 'F' returned nothing (undefined)." and its siblings.
 *
 * <p>Parsed expressions are cached (a definition's expressions are few and run many times). A parsed
 * {@link Jsonata} is evaluated with a fresh binding frame each time, so it is shared across threads.
 */
final class JsonataExpressions {
    static final String OPEN = "{%";
    static final String CLOSE = "%}";
    private static final int CACHE_LIMIT = 4096;
    /** Guards against runaway expressions (infinite recursion, huge loops). */
    private static final long TIMEOUT_MILLIS = 10_000;
    private static final int MAX_DEPTH = 500;
    private static final Map<String, Jsonata> CACHE = new ConcurrentHashMap<>();

    private JsonataExpressions() {
    }

    /** Whether {@code node} is a JSONata expression string: it begins with {@code {%} and ends with {@code %}}. */
    static boolean isExpression(JsonNode node) {
        return node != null && node.isTextual() && isExpression(node.textValue());
    }

    static boolean isExpression(String text) {
        return text.length() >= OPEN.length() + CLOSE.length() && text.startsWith(OPEN) && text.endsWith(CLOSE);
    }

    /** The expression inside {@code {% … %}}, trimmed, as AWS quotes it in causes. */
    static String body(String text) {
        return text.substring(OPEN.length(), text.length() - CLOSE.length()).trim();
    }

    /**
     * The raw result of {@code expression} (without the braces): Java null for undefined.
     *
     * @param field the field it was written in, for the cause ({@code Output/result})
     */
    static Object evaluateRaw(String expression, String field, JsonataEnv env) throws StatesError {
        try {
            Jsonata compiled = compile(expression);
            Jsonata.Frame frame = new Jsonata.Frame(null);
            StatesFunctions.bindInto(frame);
            env.bindInto(frame); // a variable named like a function shadows it
            frame.setRuntimeBounds(TIMEOUT_MILLIS, MAX_DEPTH);
            return compiled.evaluate(null, frame);
        } catch (JException e) {
            throw env.failure(field, "The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' threw an error during evaluation. " + e.getError() + ": " + e.getMessage());
        } catch (StackOverflowError e) {
            throw env.failure(field, "The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' threw an error during evaluation. U1001: Stack overflow error: Check for non-terminating "
                    + "recursive function.  Consider rewriting as tail-recursive.");
        } catch (RuntimeException e) {
            Throwable root = e.getCause() instanceof StatesFunctions.FunctionError f ? f : e;
            throw env.failure(field, "The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' threw an error during evaluation. " + root.getMessage());
        }
    }

    /** The JSON result of {@code expression}: AWS's error when it is undefined or not JSON data. */
    static JsonNode evaluate(String expression, String field, JsonataEnv env) throws StatesError {
        Object raw = evaluateRaw(expression, field, env);
        return json(raw, expression, field, env);
    }

    /** {@code raw} as JSON, checked as AWS checks every expression's result. */
    static JsonNode json(Object raw, String expression, String field, JsonataEnv env) throws StatesError {
        if (raw == null) {
            throw env.failure(field, "The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' returned nothing (undefined).");
        }
        Optional<JsonNode> json = JsonataValues.toJson(raw);
        if (json.isEmpty()) {
            throw env.failure(field, "The JSONata expression '" + expression + "' specified for the field '" + field
                    + "' returned an unsupported result type.");
        }
        return json.get();
    }

    /** AWS's cause for a result of the wrong type ({@code expected}: array, boolean, number, string, …). */
    static StatesError unexpectedType(String expression, String field, String expected, JsonNode value,
                                      JsonataEnv env) {
        return env.failure(field, "The JSONata expression '" + expression + "' specified for the field '" + field
                + "' returned an unexpected result type. Expected '" + expected + "', but was '" + typeName(value)
                + "' for value: " + value);
    }

    static String typeName(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }

    private static Jsonata compile(String expression) {
        Jsonata compiled = CACHE.get(expression);
        if (compiled == null) {
            compiled = Jsonata.jsonata(expression);
            compiled.setValidateInput(false);
            // JSON null stays NULL_VALUE, apart from undefined (Java null): AWS tells them apart.
            compiled.setOutputConvertNulls(false);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(expression, compiled);
        }
        return compiled;
    }
}
