package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;

/**
 * A Choice state's rules. JSONPath: each top-level rule has Next and either Variable with exactly
 * one comparison operator, or And/Or (non-empty arrays of rules) or Not (one rule); nested rules
 * have no Next. JSONata: each rule has Condition and Next. Transition targets are checked by
 * {@link Transitions}.
 */
final class Choices {
    private Choices() {
    }

    private static final Set<String> OPERATORS = operators();

    private static Set<String> operators() {
        Set<String> ops = new HashSet<>(Set.of("StringMatches", "IsNull", "IsPresent", "IsNumeric", "IsString",
                "IsBoolean", "IsTimestamp"));
        for (String kind : new String[]{"String", "Numeric", "Timestamp"}) {
            for (String cmp : new String[]{"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"}) {
                ops.add(kind + cmp);
                ops.add(kind + cmp + "Path");
            }
        }
        ops.add("BooleanEquals");
        ops.add("BooleanEqualsPath");
        return Set.copyOf(ops);
    }

    static void check(JsonNode state, String location, QueryLanguage language, Findings findings) {
        JsonNode choices = state.get("Choices");
        if (choices == null) {
            findings.required("Choices", location);
            return;
        }
        if (!choices.isArray() || choices.isEmpty()) {
            findings.empty(location + "/Choices");
            return;
        }
        for (int i = 0; i < choices.size(); i++) {
            String at = location + "/Choices[" + i + "]";
            JsonNode rule = choices.get(i);
            if (!rule.isObject()) {
                findings.schema("The value must be an object", at);
                continue;
            }
            if (!rule.has("Next")) {
                findings.schema("These fields are required: [Next]", at);
            }
            if (language == QueryLanguage.JSONATA) {
                jsonata(rule, at, findings);
            } else {
                rule(rule, at, true, findings);
            }
            if (rule.has("Assign")) {
                Variables.check(rule.get("Assign"), at + "/Assign", language, findings);
            }
        }
    }

    private static void jsonata(JsonNode rule, String at, Findings findings) {
        rule.fieldNames().forEachRemaining(f -> {
            if (!Set.of("Condition", "Next", "Comment", "Assign", "Output").contains(f)) {
                findings.unsupported(f, at);
            }
        });
        if (!rule.has("Condition")) {
            findings.required("Condition", at);
        }
    }

    private static void rule(JsonNode rule, String at, boolean top, Findings findings) {
        int operators = 0;
        int combinators = 0;
        for (String f : (Iterable<String>) rule::fieldNames) {
            JsonNode v = rule.get(f);
            if (OPERATORS.contains(f)) {
                operators++;
                if (f.endsWith("Path") && !(v.isTextual() && Paths.path(v.asText()))) {
                    findings.schema("The value for the field '" + f + "' must be a valid JSONPath", at + "/" + f);
                }
            } else if (f.equals("And") || f.equals("Or")) {
                combinators++;
                if (!v.isArray() || v.isEmpty()) {
                    findings.empty(at + "/" + f);
                } else {
                    for (int i = 0; i < v.size(); i++) {
                        nested(v.get(i), at + "/" + f + "[" + i + "]", findings);
                    }
                }
            } else if (f.equals("Not")) {
                combinators++;
                nested(v, at + "/Not", findings);
            } else if (f.equals("Variable")) {
                if (!(v.isTextual() && Paths.path(v.asText()))) {
                    findings.schema("The value for the field 'Variable' must be a valid JSONPath", at + "/Variable");
                }
            } else if (f.equals("Next") && top || f.equals("Comment") || f.equals("Assign") && top) {
                continue;
            } else {
                findings.unsupported(f, at);
            }
        }
        if (operators + combinators != 1) {
            findings.schema("A choice rule must have exactly one comparison operator or one of And, Or, Not", at);
        } else if (operators == 1 && !rule.has("Variable")) {
            findings.required("Variable", at);
        }
    }

    private static void nested(JsonNode rule, String at, Findings findings) {
        if (!rule.isObject()) {
            findings.schema("The value must be an object", at);
        } else {
            rule(rule, at, false, findings);
        }
    }
}
