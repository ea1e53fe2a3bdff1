package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Task's TimeoutSeconds/HeartbeatSeconds and a Map's MaxConcurrency/ToleratedFailure* limits,
 * each a literal or a {@code …Path} read from the effective input. A path whose value is not a
 * fitting number fails as AWS's MaxConcurrencyPath does
 * ({@code The MaxConcurrencyPath field refers to value "x" which is not a valid integer: $.p}).
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
            throw notInteger(field + "Path", v, path, where);
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
            count = OptionalInt.of(integer(state, "ToleratedFailureCountPath", effective, scope, where));
        }
        Optional<Double> percentage = Optional.empty();
        if (state.has("ToleratedFailurePercentage")) {
            percentage = Optional.of(state.get("ToleratedFailurePercentage").asDouble());
        } else if (state.has("ToleratedFailurePercentagePath")) {
            String path = state.get("ToleratedFailurePercentagePath").asText();
            JsonNode v = read(path, effective, scope, where);
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
                throw where.runtime("The ToleratedFailurePercentagePath field refers to value " + v
                        + " which is not a valid percentage: " + path);
            }
            percentage = Optional.of(v.asDouble());
        }
        return new dev.lamina.workflows.data.Dataflow.MapLimits(concurrency, count, percentage);
    }

    private static int integer(ObjectNode state, String field, JsonNode effective, Scope scope, Failures.Where where)
            throws StatesError {
        String path = state.get(field).asText();
        JsonNode v = read(path, effective, scope, where);
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() < 0) {
            throw notInteger(field, v, path, where);
        }
        return v.asInt();
    }

    private static StatesError notInteger(String field, JsonNode v, String path, Failures.Where where) {
        return where.runtime("The " + field + " field refers to value " + v + " which is not a valid integer: " + path);
    }

    private static JsonNode read(String path, JsonNode effective, Scope scope, Failures.Where where) throws StatesError {
        try {
            return Paths.read(path, effective, scope);
        } catch (Paths.NotFound e) {
            throw where.invalidPath(path, e);
        }
    }
}
