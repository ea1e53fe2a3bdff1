package dev.lamina.workflows.asl;

import java.util.List;

/**
 * A definition that is not valid States Language. {@link #getMessage()} is the whole message
 * CreateStateMachine answers with {@code InvalidDefinition} (AWS's text, e.g.
 * {@code Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: … at /States/Start'}); the
 * diagnostics are what ValidateStateMachineDefinition lists.
 */
public final class InvalidDefinitionException extends Exception {
    private final List<Diagnostic> diagnostics;

    public InvalidDefinitionException(String message, List<Diagnostic> diagnostics) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
