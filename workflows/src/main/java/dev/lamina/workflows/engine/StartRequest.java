package dev.lamina.workflows.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * StartExecution (or StartSyncExecution, or a nested {@code states:startExecution}) after the API
 * has resolved the machine and checked the input.
 *
 * @param name       the execution's name; the API generates a UUID when the caller gave none
 * @param input      the input text exactly as given ({@code {}} when none)
 * @param parent     the execution ARN of a parent that started this one through {@code states:startExecution}
 */
public record StartRequest(MachineSnapshot machine, String name, String input, Optional<String> traceHeader,
                           Optional<String> parent) {
    public StartRequest {
        Objects.requireNonNull(machine);
        Objects.requireNonNull(name);
        Objects.requireNonNull(input);
        Objects.requireNonNull(traceHeader);
        Objects.requireNonNull(parent);
    }
}
