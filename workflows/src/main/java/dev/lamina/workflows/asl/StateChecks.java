package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.tasks.TaskResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of each state type beyond its set of fields: what it requires (Task's Resource,
 * Choice's Choices, Parallel's Branches, Map's ItemProcessor, Wait's one of four), which fields
 * exclude each other (a literal and its {@code …Path} form), the ranges of numbers, and the nested
 * scopes (validated through {@link Validator#scope}).
 */
final class StateChecks {
    private StateChecks() {
    }

    private static final List<String> WAIT_FIELDS = List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath");
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");
    /** The optimized integrations whose actions AWS knows; a service not listed here is not checked. */
    private static final java.util.Map<String, Set<String>> ACTIONS = java.util.Map.of(
            "lambda", Set.of("invoke"), "sqs", Set.of("sendMessage"), "sns", Set.of("publish"),
            "events", Set.of("putEvents"), "states", Set.of("startExecution"),
            "dynamodb", Set.of("getItem", "putItem", "deleteItem", "updateItem"));
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    static void check(StateType type, JsonNode s, String at, QueryLanguage language, Findings findings,
                      Validator validator) {
        switch (type) {
            case TASK -> task(s, at, language, findings);
            case CHOICE -> {
                Choices.check(s, at, language, findings);
                if (s.has("Default") && !s.get("Default").isTextual()) {
                    findings.schema("The field 'Default' must be a string", at + "/Default");
                }
            }
            case WAIT -> waitState(s, at, language, findings);
            case FAIL -> {
                exclusive(s, "Error", "ErrorPath", at, findings);
                exclusive(s, "Cause", "CausePath", at, findings);
            }
            case PARALLEL -> parallel(s, at, language, findings, validator);
            case MAP -> map(s, at, language, findings, validator);
            default -> {
            }
        }
    }

    private static void task(JsonNode s, String at, QueryLanguage language, Findings findings) {
        JsonNode resource = s.get("Resource");
        if (resource == null) {
            findings.required("Resource", at);
        } else if (!recognized(resource)) {
            findings.schema("The resource provided " + resource.asText() + " is not recognized. The value is not a "
                    + "valid resource ARN, or the resource is not available in this region.", at + "/Resource");
        }
        JsonNode credentials = s.get("Credentials");
        if (credentials != null && credentials.isObject() && !credentials.has("RoleArn") && !credentials.has("RoleArn.$")) {
            findings.missing("RoleArn", at + "/Credentials");
        }
        number(s, "TimeoutSeconds", 1, 99999999, at, language, findings);
        number(s, "HeartbeatSeconds", 1, 99999999, at, language, findings);
        exclusive(s, "TimeoutSeconds", "TimeoutSecondsPath", at, findings);
        exclusive(s, "HeartbeatSeconds", "HeartbeatSecondsPath", at, findings);
        JsonNode timeout = s.get("TimeoutSeconds");
        JsonNode heartbeat = s.get("HeartbeatSeconds");
        if (timeout != null && heartbeat != null && timeout.isIntegralNumber() && heartbeat.isIntegralNumber()
                && heartbeat.asLong() >= timeout.asLong()) {
            findings.schema("HeartbeatSeconds must be less than TimeoutSeconds", at + "/HeartbeatSeconds");
        }
        if (s.has("Credentials") && !s.get("Credentials").isObject()) {
            findings.schema("The field 'Credentials' must be an object", at + "/Credentials");
        }
        ErrorHandlers.check(s, at, language, findings);
    }

    private static boolean recognized(JsonNode resource) {
        if (!resource.isTextual()) {
            return false;
        }
        var parsed = TaskResource.parse(resource.asText());
        if (parsed.isEmpty()) {
            return false;
        }
        TaskResource r = parsed.get();
        Set<String> actions = ACTIONS.get(r.service());
        return r.kind() != TaskResource.Kind.SERVICE || actions == null || actions.contains(r.action());
    }

    private static void waitState(JsonNode s, String at, QueryLanguage language, Findings findings) {
        List<String> present = new ArrayList<>();
        WAIT_FIELDS.forEach(f -> {
            if (s.has(f)) {
                present.add(f);
            }
        });
        if (present.isEmpty()) {
            findings.schema("Exactly one of these fields is required: " + WAIT_FIELDS, at);
        } else if (present.size() > 1) {
            findings.onlyOne(present, at);
        }
        number(s, "Seconds", 0, 99999999, at, language, findings);
        JsonNode ts = s.get("Timestamp");
        boolean expression = ts != null && language == QueryLanguage.JSONATA && ts.isTextual();
        if (ts != null && !expression && !(ts.isTextual() && rfc3339(ts.asText()))) {
            findings.schema("String does not match RFC3339 timestamp", at + "/Timestamp");
        }
    }

    private static final java.util.regex.Pattern RFC3339 = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    /** A date-time of RFC 3339 with an upper-case T and a zone, and a real date and time. */
    static boolean rfc3339(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return false;
        }
        try {
            java.time.OffsetDateTime.parse(text);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static void parallel(JsonNode s, String at, QueryLanguage language, Findings findings, Validator v) {
        ErrorHandlers.check(s, at, language, findings);
        JsonNode branches = s.get("Branches");
        if (branches == null) {
            findings.required("Branches", at);
            return;
        }
        if (!branches.isArray() || branches.isEmpty()) {
            findings.empty(at + "/Branches");
            return;
        }
        for (int i = 0; i < branches.size(); i++) {
            String where = at + "/Branches[" + i + "]";
            JsonNode b = branches.get(i);
            if (!b.isObject()) {
                findings.schema("The value must be an object", where);
                continue;
            }
            b.fieldNames().forEachRemaining(f -> {
                if (!BRANCH_FIELDS.contains(f)) {
                    findings.unsupported(f, where);
                }
            });
            v.scope(b, where);
        }
    }

    private static void map(JsonNode s, String at, QueryLanguage language, Findings findings, Validator v) {
        ErrorHandlers.check(s, at, language, findings);
        number(s, "MaxConcurrency", 0, 2147483647L, at, language, findings);
        number(s, "ToleratedFailureCount", 0, 2147483647L, at, language, findings);
        JsonNode pct = s.get("ToleratedFailurePercentage");
        if (pct != null && pct.isNumber() && (pct.asDouble() < 0 || pct.asDouble() > 100)) {
            findings.schema(pct.asDouble() < 0 ? "Minimum value is 0.0" : "Maximum value is 100.0",
                    at + "/ToleratedFailurePercentage");
        }
        exclusive(s, "MaxConcurrency", "MaxConcurrencyPath", at, findings);
        exclusive(s, "ToleratedFailureCount", "ToleratedFailureCountPath", at, findings);
        exclusive(s, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", at, findings);
        exclusive(s, "Parameters", "ItemSelector", at, findings);
        exclusive(s, "ItemProcessor", "Iterator", at, findings);
        String field = s.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processor = s.get(field);
        if (processor == null) {
            findings.required("ItemProcessor", at);
            return;
        }
        String where = at + "/" + field;
        if (!processor.isObject()) {
            findings.schema("The field '" + field + "' must be an object", where);
            return;
        }
        processor.fieldNames().forEachRemaining(f -> {
            if (!PROCESSOR_FIELDS.contains(f)) {
                findings.unsupported(f, where);
            }
        });
        JsonNode config = processor.get("ProcessorConfig");
        if (config != null) {
            oneOf(config, "Mode", List.of("INLINE", "DISTRIBUTED"), where + "/ProcessorConfig", findings);
            oneOf(config, "ExecutionType", List.of("STANDARD", "EXPRESS"), where + "/ProcessorConfig", findings);
        }
        v.scope(processor, where);
    }

    private static void oneOf(JsonNode owner, String field, List<String> values, String at, Findings findings) {
        JsonNode value = owner.get(field);
        if (value != null && !values.contains(value.asText())) {
            findings.schema("The field '" + field + "' should have one of these values: " + values, at + "/" + field);
        }
    }

    /** A literal number field (JSONata also allows a {@code {% %}} expression in its place). */
    private static void number(JsonNode s, String field, long min, long max, String at, QueryLanguage language,
                               Findings findings) {
        JsonNode value = s.get(field);
        if (value != null && value.isTextual() && language == QueryLanguage.JSONATA) {
            return;
        }
        ErrorHandlers.range(s, field, min, max, at, findings);
    }

    private static void exclusive(JsonNode s, String a, String b, String at, Findings findings) {
        if (s.has(a) && s.has(b)) {
            findings.onlyOne(List.of(a, b), at);
        }
    }
}
