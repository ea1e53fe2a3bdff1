package dev.lamina.workflows.asl;

import java.util.Objects;

/**
 * One finding about a definition, as ValidateStateMachineDefinition reports it
 * (ValidateStateMachineDefinitionDiagnostic: severity ERROR or WARNING, a code such as
 * {@code SCHEMA_VALIDATION_FAILED}, a message, and a location such as {@code /States/Start/Next}).
 */
public record Diagnostic(Severity severity, String code, String message, String location) {
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
        Objects.requireNonNull(location);
    }
}
