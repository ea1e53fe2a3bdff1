package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.Definitions;
import dev.lamina.workflows.asl.Diagnostic;
import dev.lamina.workflows.asl.InvalidDefinitionException;

import java.util.ArrayList;
import java.util.List;


/** Checking definitions for CreateStateMachine, UpdateStateMachine and ValidateStateMachineDefinition. */
final class DefinitionCheck {
    private DefinitionCheck() {
    }

    /** The checked definition for a machine of {@code type} (STANDARD or EXPRESS), or InvalidDefinition. */
    static Definition parse(String text, String type) {
        Definition definition = parse(text);
        if (type.equals("EXPRESS")) {
            List<Diagnostic> findings = ExpressCheck.findings(definition);
            if (!findings.isEmpty()) {
                throw StatesErrors.invalidDefinition(ExpressCheck.message(findings));
            }
        }
        return definition;
    }

    /** The checked definition, or InvalidDefinition with the checker's message. */
    static Definition parse(String text) {
        try {
            return Definitions.parse(text);
        } catch (InvalidDefinitionException e) {
            throw StatesErrors.invalidDefinition(e.getMessage());
        } catch (RuntimeException e) {
            // A shape the checker let through but could not build: still the caller's definition at fault.
            throw StatesErrors.invalidDefinition("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
                    + e.getMessage() + "'");
        }
    }

    /** The diagnostics of a definition for a machine of {@code type} ({@code []} when it is valid). */
    static List<Diagnostic> diagnose(String text, String type) {
        try {
            Definition definition = Definitions.parse(text);
            return type.equals("EXPRESS") ? ExpressCheck.findings(definition) : List.of();
        } catch (InvalidDefinitionException e) {
            if (!e.diagnostics().isEmpty()) {
                return e.diagnostics();
            }
            return List.of(fromMessage(e.getMessage()));
        } catch (RuntimeException e) {
            return List.of(new Diagnostic(Diagnostic.Severity.ERROR, "SCHEMA_VALIDATION_FAILED",
                    String.valueOf(e.getMessage()), "/"));
        }
    }

    /** {@code Invalid State Machine Definition: 'CODE: message'} as one diagnostic. */
    private static Diagnostic fromMessage(String message) {
        String inner = message;
        int quote = message.indexOf('\'');
        if (quote >= 0 && message.endsWith("'")) {
            inner = message.substring(quote + 1, message.length() - 1);
        }
        int colon = inner.indexOf(": ");
        if (colon > 0 && inner.substring(0, colon).matches("[A-Z_]+")) {
            return new Diagnostic(Diagnostic.Severity.ERROR, inner.substring(0, colon), inner.substring(colon + 2), "/");
        }
        return new Diagnostic(Diagnostic.Severity.ERROR, "SCHEMA_VALIDATION_FAILED", inner, "/");
    }

    /** ValidateStateMachineDefinition. */
    static JsonNode validate(ObjectNode in) {
        String text = Fields.required(in, "definition");
        String severity = Fields.optional(in, "severity").orElse("ERROR");
        if (!severity.equals("ERROR") && !severity.equals("WARNING")) {
            throw StatesErrors.validation("1 validation error detected: Value '" + severity + "' at 'severity' failed"
                    + " to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]");
        }
        int max = in.path("maxResults").asInt(0);
        if (max < 0 || max > 100) {
            throw StatesErrors.validation("1 validation error detected: Value '" + max + "' at 'maxResults' failed to"
                    + " satisfy constraint: Member must have value " + (max < 0 ? "greater than or equal to 0"
                    : "less than or equal to 100"));
        }
        max = max == 0 ? 100 : max;
        List<Diagnostic> all = new ArrayList<>(diagnose(text, Fields.optional(in, "type").orElse("STANDARD")));
        all.sort((a, b) -> a.severity().compareTo(b.severity()));
        List<Diagnostic> shown = all.stream()
                .filter(d -> severity.equals("WARNING") || d.severity() == Diagnostic.Severity.ERROR).toList();
        boolean failed = all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        ObjectNode out = Fields.object().put("result", failed ? "FAIL" : "OK");
        ArrayNode list = out.putArray("diagnostics");
        shown.stream().limit(max).forEach(d -> {
            ObjectNode o = list.addObject().put("severity", d.severity().name()).put("code", d.code())
                    .put("message", d.message());
            if (!d.location().isEmpty()) {
                o.put("location", d.location());
            }
        });
        out.put("truncated", shown.size() > max);
        return out;
    }

}
