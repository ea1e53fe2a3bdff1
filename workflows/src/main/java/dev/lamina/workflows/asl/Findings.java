package dev.lamina.workflows.asl;

import java.util.ArrayList;
import java.util.List;

/**
 * The findings of one validation, in the order AWS reports them, and AWS's one-line rendering of
 * them: {@code CODE: message at location}, joined by ", " (a finding without a location renders
 * {@code at null}, as AWS's MISSING_END_STATE does).
 */
final class Findings {
    static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
    static final String MISSING_TARGET = "MISSING_TRANSITION_TARGET";
    static final String MISSING_END = "MISSING_END_STATE";
    static final String INVALID_JSON = "INVALID_JSON_DESCRIPTION";
    static final String INVALID_JSONATA = "INVALID_JSONATA_EXPRESSION";
    static final String DUPLICATE_STATE = "DUPLICATE_STATE_NAME";
    static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";

    private final List<Diagnostic> all = new ArrayList<>();

    void error(String code, String message, String location) {
        all.add(new Diagnostic(Diagnostic.Severity.ERROR, code, message, location == null ? "" : location));
    }

    void schema(String message, String location) {
        error(SCHEMA, message, location);
    }

    /** AWS's schema form for missing fields: {@code These fields are required: [States, StartAt]}. */
    void required(String field, String location) {
        required(List.of(field), location);
    }

    void required(List<String> fields, String location) {
        schema("These fields are required: " + fields, location);
    }

    /** AWS's form for a field missing inside a field (e.g. Credentials' RoleArn). */
    void missing(String field, String location) {
        schema("The field '" + field + "' is required but was missing", location);
    }

    /** AWS's answer to an empty array that must have elements (Branches, Choices, ErrorEquals). */
    void empty(String location) {
        schema("Value cannot be empty", location);
    }

    void unsupported(String field, String location) {
        schema("Field '" + field + "' is not supported", location);
    }

    void onlyOne(List<String> fields, String location) {
        schema("There should only be one of the following fields: " + fields, location);
    }

    boolean hasErrors() {
        return all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    List<Diagnostic> diagnostics() {
        return List.copyOf(all);
    }

    /** AWS's InvalidDefinition message for these findings. */
    String message() {
        StringBuilder b = new StringBuilder("Invalid State Machine Definition: '");
        for (int i = 0; i < all.size(); i++) {
            Diagnostic d = all.get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(d.code()).append(": ").append(d.message()).append(" at ")
                    .append(d.location().isEmpty() ? "null" : d.location());
        }
        return b.append('\'').toString();
    }
}
