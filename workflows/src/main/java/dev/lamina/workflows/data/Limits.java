package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Task's TimeoutSeconds/HeartbeatSeconds and a Map's MaxConcurrency/ToleratedFailure* limits,
 * each a literal or a {@code …Path} read from the effective input. A path whose value is not a
 * fitting number fails as AWS's do ({@code The MaxConcurrencyPath field refers to value "x" which is not
 * a valid integer: $.p}; {@code ToleratedFailureCount cannot be negative.};
 * {@code ToleratedFailurePercentage must be between 0 and 100.}).
 */
final class Limits {
    private Limits() {
    }

    /** A positive number of seconds: {@code field} or {@code field + "Path"}; empty when neither is there. */
    static Optional<Long> seconds(ObjectNode state, String field, JsonNode effective, Scope scope, Failures.Where where)
            throws StatesError {
        if (state.has(field)) {
            return Optional.of(state.get(field).asLong());
        }
        if (!state.has(field + "Path")) {
            return Optional.empty();
        }
        String path = state.get(field + "Path").asText();
        JsonNode v = read(path, effective, scope, where);
        if (!v.isNumber() || !v.canConvertToExactIntegral() || v.asLong() <= 0) {
            throw invalid(field + "Path", v, "integer", state, where);
        }
        return Optional.of(v.asLong());
    }

    static dev.lamina.workflows.data.Dataflow.MapLimits map(ObjectNode state, JsonNode effective, Scope scope,
                                                           Failures.Where where) throws StatesError {
        int concurrency = 0;
        if (state.has("MaxConcurrency")) {
            concurrency = state.get("MaxConcurrency").asInt();
        } else if (state.has("MaxConcurrencyPath")) {
            concurrency = integer(state, "MaxConcurrencyPath", effective, scope, where);
        }
        OptionalInt count = OptionalInt.empty();
        if (state.has("ToleratedFailureCount")) {
            count = OptionalInt.of(state.get("ToleratedFailureCount").asInt());
        } else if (state.has("ToleratedFailureCountPath")) {
            JsonNode v = read(state.get("ToleratedFailureCountPath").asText(), effective, scope, where);
            if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
                throw invalid("ToleratedFailureCountPath", v, "integer", state, where);
            }
            count = OptionalInt.of(v.asInt());
        }
        if (count.isPresent() && count.getAsInt() < 0) {
            throw where.runtime("ToleratedFailureCount cannot be negative.");
        }
        Optional<Double> percentage = Optional.empty();
        if (state.has("ToleratedFailurePercentage")) {
            percentage = Optional.of(state.get("ToleratedFailurePercentage").asDouble());
        } else if (state.has("ToleratedFailurePercentagePath")) {
            JsonNode v = read(state.get("ToleratedFailurePercentagePath").asText(), effective, scope, where);
            if (!v.isNumber()) {
                throw invalid("ToleratedFailurePercentagePath", v, "float", state, where);
            }
            percentage = Optional.of(v.asDouble());
        }
        if (percentage.isPresent() && (percentage.get() < 0 || percentage.get() > 100)) {
            throw where.runtime("ToleratedFailurePercentage must be between 0 and 100.");
        }
        return new dev.lamina.workflows.data.Dataflow.MapLimits(concurrency, count, percentage);
    }

    private static int integer(ObjectNode state, String field, JsonNode effective, Scope scope, Failures.Where where)
            throws StatesError {
        String path = state.get(field).asText();
        JsonNode v = read(path, effective, scope, where);
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() < 0) {
            throw invalid(field, v, "integer", state, where);
        }
        return v.asInt();
    }

    /** AWS's words: {@code The MaxConcurrencyPath field refers to value "x" which is not a valid integer: $.p}. */
    private static StatesError invalid(String field, JsonNode v, String kind, ObjectNode state, Failures.Where where) {
        return where.runtime("The " + field + " field refers to value \"" + (v.isTextual() ? v.asText() : v.toString())
                + "\" which is not a valid " + kind + ": " + state.get(field).asText());
    }

    private static JsonNode read(String path, JsonNode effective, Scope scope, Failures.Where where) throws StatesError {
        try {
            return Paths.read(path, effective, scope);
        } catch (Paths.NotFound e) {
            throw where.invalidPath(path, e);
        }
    }
}
