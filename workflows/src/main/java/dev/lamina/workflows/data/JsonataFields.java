package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The typed fields of JSONata states (Assign, Items, Condition, Seconds, Timestamp, Error, Cause,
 * the Task and Map limits): each written either as a literal or as one {@code {% %}} expression,
 * evaluated and checked for the type AWS requires, with AWS's causes where they are known.
 */
final class JsonataFields {
    /** AWS's limit for the variables one Assign sets (their JSON text, together). */
    static final int ASSIGN_LIMIT_BYTES = 256 * 1024;

    private JsonataFields() {
    }

    /**
     * A state's (or rule's, or catcher's) Assign: each variable's value evaluated against the
     * variables as they were before the state, all at once; empty when there is no Assign.
     */
    static Map<String, JsonNode> assign(JsonNode assign, JsonataEnv env) throws StatesError {
        if (assign == null || assign.isNull()) {
            return Map.of();
        }
        boolean literal = !JsonataExpressions.isExpression(assign);
        Value values = value(assign, "Assign", env).orElseThrow();
        if (!values.json().isObject()) {
            throw values.wrongType("Assign", "object", env);
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = values.json().fields();
        long size = 0;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode value = literal ? JsonataTemplate.evaluate(e.getValue(), "Assign/" + e.getKey(), env) : e.getValue();
            size += e.getKey().length() + value.toString().length();
            out.put(e.getKey(), value);
        }
        if (size > ASSIGN_LIMIT_BYTES) {
            throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, env.prefix()
                    + "The variables assigned by the state exceed the maximum size of 262144 bytes.");
        }
        return out;
    }

    /** A field that is a literal or one expression, evaluated; empty when the state does not have it. */
    static Optional<Value> value(JsonNode node, String field, JsonataEnv env) throws StatesError {
        if (node == null) {
            return Optional.empty();
        }
        if (JsonataExpressions.isExpression(node)) {
            String expression = JsonataExpressions.body(node.textValue());
            return Optional.of(new Value(JsonataExpressions.evaluate(expression, field, env), Optional.of(expression)));
        }
        return Optional.of(new Value(node, Optional.empty()));
    }

    /** An evaluated field and the expression it came from (empty for a literal). */
    record Value(JsonNode json, Optional<String> expression) {
        StatesError wrongType(String field, String expected, JsonataEnv env) {
            String written = expression.orElse(json.toString());
            return JsonataExpressions.unexpectedType(written, field, expected, json, env);
        }
    }

    /** A whole-number field (Seconds, TimeoutSeconds, MaxConcurrency, …) at least {@code min}. */
    static Optional<Long> integer(JsonNode node, String field, long min, JsonataEnv env) throws StatesError {
        Optional<Value> v = value(node, field, env);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = v.get().json();
        if (!json.isNumber() || json.doubleValue() != Math.rint(json.doubleValue())) {
            throw v.get().wrongType(field, "integer", env);
        }
        long n = json.longValue();
        if (n < min) {
            throw env.failure(field, "The " + field + " field must be at least " + min + ", but was: " + n);
        }
        return Optional.of(n);
    }

    /** A number field (ToleratedFailurePercentage) between {@code min} and {@code max}. */
    static Optional<Double> number(JsonNode node, String field, double min, double max, JsonataEnv env)
            throws StatesError {
        Optional<Value> v = value(node, field, env);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = v.get().json();
        if (!json.isNumber()) {
            throw v.get().wrongType(field, "number", env);
        }
        double n = json.doubleValue();
        if (n < min || n > max) {
            throw env.failure(field, "The " + field + " field must be between " + JsonataValues.number(min) + " and "
                    + JsonataValues.number(max) + ", but was: " + JsonataValues.number(n));
        }
        return Optional.of(n);
    }

    /** A string field (a Fail state's Error and Cause). */
    static Optional<String> text(JsonNode node, String field, JsonataEnv env) throws StatesError {
        Optional<Value> v = value(node, field, env);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!v.get().json().isTextual()) {
            throw v.get().wrongType(field, "string", env);
        }
        return Optional.of(v.get().json().textValue());
    }

    /** A Wait state's Timestamp: an ISO-8601 extended offset date-time (nanoseconds allowed), as AWS parses it. */
    static Optional<Instant> timestamp(JsonNode node, JsonataEnv env) throws StatesError {
        Optional<Value> v = value(node, "Timestamp", env);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = v.get().json();
        String text = json.isTextual() ? json.textValue() : json.toString();
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw env.failure("Timestamp", "The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                    + "date-time format string: " + text);
        }
    }
}
