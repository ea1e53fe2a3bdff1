package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed definition as CreateStateMachine does before it stores one, collecting every
 * finding (AWS reports several at once): the machine's and each scope's StartAt and States, each
 * state's Type, fields, query language, paths and transitions, recursively into Parallel branches
 * and Map processors. Per-type rules are in {@link StateChecks}; Retry/Catch in
 * {@link ErrorHandlers}; Choice rules in {@link Choices}; transitions in {@link Transitions}.
 */
final class Validator {
    private static final Set<String> TOP = Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version",
            "QueryLanguage");
    private static final Set<String> REFERENCE_PATHS = Set.of("ResultPath", "ItemsPath", "SecondsPath",
            "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath",
            "ToleratedFailureCountPath", "ToleratedFailurePercentagePath");
    static final int MAX_STATE_NAME = 80;

    private final Findings findings = new Findings();
    private final Set<String> names = new HashSet<>();
    /** The machine's language: states without their own inherit it, in branches and processors too (as AWS). */
    private QueryLanguage machine = QueryLanguage.JSONPATH;

    private Validator() {
    }

    static Findings check(ObjectNode root) {
        Validator v = new Validator();
        v.machine(root);
        return v.findings;
    }

    private void machine(ObjectNode root) {
        root.fieldNames().forEachRemaining(f -> {
            if (!TOP.contains(f)) {
                findings.unsupported(f, "/");
            }
        });
        QueryLanguage language = language(root.get("QueryLanguage"), "/QueryLanguage").orElse(QueryLanguage.JSONPATH);
        machine = language;
        ErrorHandlers.range(root, "TimeoutSeconds", 1, 99999999, "", findings);
        JsonNode version = root.get("Version");
        if (version != null && !version.asText().equals("1.0")) {
            findings.schema("The field 'Version' should have one of these values: [1.0]", "/Version");
        }
        scope(root, "");
    }

    /** A machine, branch or processor at {@code location} ("" for the machine). */
    void scope(JsonNode scope, String location) {
        String at = location.isEmpty() ? "/" : location;
        JsonNode startAt = scope.get("StartAt");
        JsonNode states = scope.get("States");
        boolean ok = true;
        List<String> missing = new java.util.ArrayList<>();
        if (states == null) {
            missing.add("States");
        }
        if (startAt == null) {
            missing.add("StartAt");
            ok = false;
        } else if (!startAt.isTextual()) {
            findings.schema("The field 'StartAt' must be a string", location + "/StartAt");
            ok = false;
        }
        if (!missing.isEmpty()) {
            findings.required(missing, at);
        }
        if (states == null) {
            return;
        }
        if (!states.isObject() || states.isEmpty()) {
            findings.empty(location + "/States");
            return;
        }
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            state(e.getKey(), e.getValue(), location + "/States/" + e.getKey(), machine);
        }
        if (ok && !states.has(startAt.asText())) {
            findings.error(Findings.MISSING_TARGET, "Missing 'Next' target: " + startAt.asText(),
                    location + "/StartAt");
        }
        if (ok) {
            Transitions.check(scope, location, findings);
        }
    }

    private void state(String name, JsonNode state, String at, QueryLanguage inherited) {
        if (name.isEmpty() || name.length() > MAX_STATE_NAME) {
            findings.error(Findings.INVALID_STATE_NAME, "State name must be between 1 and " + MAX_STATE_NAME
                    + " characters long", at);
        }
        if (!names.add(name)) {
            findings.error(Findings.DUPLICATE_STATE, "Duplicate State name: " + name, at);
        }
        if (!state.isObject()) {
            findings.schema("The value must be an object", at);
            return;
        }
        JsonNode typeField = state.get("Type");
        if (typeField == null) {
            findings.required("Type", at);
            return;
        }
        var type = StateType.parse(typeField.asText());
        if (type.isEmpty() || !typeField.isTextual()) {
            findings.schema("The field 'Type' should have one of these values: "
                    + "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", at + "/Type");
            return;
        }
        QueryLanguage language = language(state.get("QueryLanguage"), at + "/QueryLanguage").orElse(inherited);
        if (machine == QueryLanguage.JSONATA && language == QueryLanguage.JSONPATH) {
            findings.schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", at);
        }
        fields(type.get(), state, at, language);
        StateChecks.check(type.get(), state, at, language, findings, this);
    }

    private void fields(StateType type, JsonNode state, String at, QueryLanguage language) {
        for (String f : (Iterable<String>) state::fieldNames) {
            JsonNode v = state.get(f);
            if (!StateFields.allowed(type, f)) {
                findings.unsupported(f, at);
            } else if (language == QueryLanguage.JSONPATH && StateFields.JSONATA_ONLY.contains(f)) {
                findings.schema("The QueryLanguage is set to 'JSONPath', but field '" + f
                        + "' is only supported for the 'JSONata' QueryLanguage", at);
            } else if (language == QueryLanguage.JSONATA && StateFields.JSONPATH_ONLY.contains(f)) {
                findings.schema("The QueryLanguage is set to 'JSONata', but field '" + f
                        + "' is only supported for the 'JSONPath' QueryLanguage", at);
            } else if (language == QueryLanguage.JSONPATH) {
                jsonPathField(f, v, at, findings);
            }
        }
        if (StateFields.transitions(type)) {
            JsonNode next = state.get("Next");
            JsonNode end = state.get("End");
            if (end != null && !end.isBoolean()) {
                findings.schema("The field 'End' must be a boolean", at + "/End");
            }
            if (next != null && !next.isTextual()) {
                findings.schema("The field 'Next' must be a string", at + "/Next");
            }
            boolean ends = end != null && end.asBoolean(false);
            if (next != null && ends) {
                findings.onlyOne(List.of("End", "Next"), at);
            } else if (next == null && !ends) {
                findings.required("Next", at);
            }
        }
        if (state.has("Assign")) {
            Variables.check(state.get("Assign"), at + "/Assign", language, findings);
        }
        if (language == QueryLanguage.JSONATA) {
            Paths.jsonata(state, at, findings);
        }
    }

    private static void jsonPathField(String f, JsonNode v, String at, Findings findings) {
        if ((f.equals("InputPath") || f.equals("OutputPath")) && !v.isNull()) {
            if (!(v.isTextual() && Paths.path(v.asText()))) {
                findings.schema("The value for the field '" + f + "' must be a valid JSONPath", at + "/" + f);
            }
        } else if (REFERENCE_PATHS.contains(f) && !(f.equals("ResultPath") && v.isNull())) {
            if (!(v.isTextual() && Paths.referencePath(v.asText()))) {
                findings.schema("The value for the field '" + f + "' must be a valid ReferencePath", at + "/" + f);
            }
        } else if (f.equals("ErrorPath") || f.equals("CausePath")) {
            if (!(v.isTextual() && (Paths.referencePath(v.asText()) || Paths.intrinsic(v.asText())))) {
                findings.schema("The value for the field '" + f + "' must be a valid ReferencePath or a valid "
                        + "intrinsic function call", at + "/" + f);
            }
        } else if (f.equals("Parameters") || f.equals("ResultSelector") || f.equals("ItemSelector")) {
            Paths.template(v, at + "/" + f, findings);
        }
    }

    /** The QueryLanguage field's value, if present and valid (an invalid one is a finding). */
    java.util.Optional<QueryLanguage> language(JsonNode field, String at) {
        if (field == null) {
            return java.util.Optional.empty();
        }
        var q = QueryLanguage.parse(field.asText());
        if (q.isEmpty() || !field.isTextual()) {
            findings.schema("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", at);
        }
        return q;
    }
}
