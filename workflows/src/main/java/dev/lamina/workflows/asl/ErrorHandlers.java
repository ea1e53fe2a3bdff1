package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Retry and Catch: arrays of objects, each with a non-empty ErrorEquals in which States.ALL appears
 * alone and only in the last retrier/catcher; retriers' numbers within AWS's ranges; catchers' Next
 * (checked as a transition elsewhere) and ResultPath.
 */
final class ErrorHandlers {
    private ErrorHandlers() {
    }

    private static final Set<String> RETRIER = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER = Set.of("ErrorEquals", "Next", "ResultPath", "Comment", "Assign",
            "Output");

    static void check(JsonNode state, String location, QueryLanguage language, Findings findings) {
        handlers(state.get("Retry"), "Retry", location, language, findings);
        handlers(state.get("Catch"), "Catch", location, language, findings);
    }

    private static void handlers(JsonNode array, String field, String location, QueryLanguage language,
                                 Findings findings) {
        if (array == null) {
            return;
        }
        if (!array.isArray()) {
            findings.schema("The field '" + field + "' must be an array", location + "/" + field);
            return;
        }
        boolean retry = field.equals("Retry");
        for (int i = 0; i < array.size(); i++) {
            String at = location + "/" + field + "[" + i + "]";
            JsonNode h = array.get(i);
            if (!h.isObject()) {
                findings.schema("The value must be an object", at);
                continue;
            }
            h.fieldNames().forEachRemaining(f -> {
                if (!(retry ? RETRIER : CATCHER).contains(f)) {
                    findings.unsupported(f, at);
                }
            });
            errorEquals(h.get("ErrorEquals"), i == array.size() - 1, at, findings);
            if (retry) {
                range(h, "IntervalSeconds", 1, 99999999, at, findings);
                range(h, "MaxAttempts", 0, 99999999, at, findings);
                range(h, "MaxDelaySeconds", 1, 31622400, at, findings);
                JsonNode backoff = h.get("BackoffRate");
                if (backoff != null && (!backoff.isNumber() || backoff.asDouble() < 1.0)) {
                    findings.schema("Minimum value is 1.0", at + "/BackoffRate");
                }
                JsonNode jitter = h.get("JitterStrategy");
                if (jitter != null && !(jitter.asText().equals("FULL") || jitter.asText().equals("NONE"))) {
                    findings.schema("The field 'JitterStrategy' should have one of these values: [FULL, NONE]",
                            at + "/JitterStrategy");
                }
            } else {
                if (!h.has("Next")) {
                    findings.required("Next", at);
                } else if (!h.get("Next").isTextual()) {
                    findings.schema("The field 'Next' must be a string", at + "/Next");
                }
                JsonNode resultPath = h.get("ResultPath");
                if (resultPath != null && !resultPath.isNull() && language == QueryLanguage.JSONPATH
                        && !(resultPath.isTextual() && Paths.referencePath(resultPath.asText()))) {
                    findings.schema("The value for the field 'ResultPath' must be a valid ReferencePath",
                            at + "/ResultPath");
                }
                if (resultPath != null && language == QueryLanguage.JSONATA) {
                    findings.schema("The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only "
                            + "supported for the 'JSONPath' QueryLanguage", at);
                }
                if (h.has("Output") && language == QueryLanguage.JSONPATH) {
                    findings.schema("The QueryLanguage is set to 'JSONPath', but field 'Output' is only "
                            + "supported for the 'JSONata' QueryLanguage", at);
                }
                if (h.has("Assign")) {
                    Variables.check(h.get("Assign"), at + "/Assign", language, findings);
                }
            }
        }
    }

    private static void errorEquals(JsonNode errors, boolean last, String at, Findings findings) {
        if (errors == null) {
            findings.required("ErrorEquals", at);
            return;
        }
        if (!errors.isArray() || errors.isEmpty()) {
            findings.empty(at + "/ErrorEquals");
            return;
        }
        boolean all = false;
        for (JsonNode e : errors) {
            if (!e.isTextual()) {
                findings.schema("The values of 'ErrorEquals' must be strings", at + "/ErrorEquals");
                return;
            }
            all |= e.asText().equals("States.ALL");
        }
        if (all && errors.size() > 1) {
            findings.schema("States.ALL must appear alone in ErrorEquals", at + "/ErrorEquals");
        } else if (all && !last) {
            findings.schema("States.ALL must appear in the last element of the array", at + "/ErrorEquals");
        }
    }

    static void range(JsonNode owner, String field, long min, long max, String at, Findings findings) {
        JsonNode v = owner.get(field);
        if (v == null) {
            return;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            findings.schema("The field '" + field + "' must be an integer", at + "/" + field);
        } else if (v.asLong() < min) {
            findings.schema("Minimum value is " + min, at + "/" + field);
        } else if (v.asLong() > max) {
            findings.schema("Maximum value is " + max, at + "/" + field);
        }
    }
}
