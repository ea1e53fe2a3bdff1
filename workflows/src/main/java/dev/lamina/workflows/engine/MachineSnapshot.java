package dev.lamina.workflows.engine;

import dev.lamina.workflows.asl.Definition;

import java.util.Objects;
import java.util.Optional;

/**
 * The state machine an execution runs, as it was when the execution started: later updates of the
 * machine do not change a running execution (DescribeStateMachineForExecution answers this).
 *
 * @param arn        the machine's unqualified ARN
 * @param versionArn when started through a version (or an alias that points at one)
 * @param aliasArn   when started through an alias
 * @param revisionId the machine's revision when the execution started
 * @param definitionText the definition as the user gave it
 */
public record MachineSnapshot(String arn, String name, MachineType type, String roleArn, String definitionText,
                              Definition definition, Optional<String> versionArn, Optional<String> aliasArn,
                              String revisionId) {
    public MachineSnapshot {
        Objects.requireNonNull(arn);
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(roleArn);
        Objects.requireNonNull(definitionText);
        Objects.requireNonNull(definition);
        Objects.requireNonNull(versionArn);
        Objects.requireNonNull(aliasArn);
        Objects.requireNonNull(revisionId);
    }
}
