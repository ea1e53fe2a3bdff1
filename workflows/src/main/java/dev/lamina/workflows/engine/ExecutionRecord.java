package dev.lamina.workflows.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What DescribeExecution and ListExecutions show of one execution: an immutable snapshot.
 *
 * @param machine the machine as it was at the start (its ARN is {@code stateMachineArn})
 * @param error   for FAILED, TIMED_OUT and ABORTED: the error, when there is one
 * @param redriveCount how many times RedriveExecution restarted it
 */
public record ExecutionRecord(String executionArn, MachineSnapshot machine, String name, ExecutionStatus status,
                              Instant startDate, Optional<Instant> stopDate, String input, Optional<String> output,
                              Optional<String> error, Optional<String> cause, int redriveCount,
                              Optional<Instant> redriveDate, Optional<String> traceHeader) {
    public ExecutionRecord {
        Objects.requireNonNull(executionArn);
        Objects.requireNonNull(machine);
        Objects.requireNonNull(name);
        Objects.requireNonNull(status);
        Objects.requireNonNull(startDate);
        Objects.requireNonNull(stopDate);
        Objects.requireNonNull(input);
        Objects.requireNonNull(output);
        Objects.requireNonNull(error);
        Objects.requireNonNull(cause);
        Objects.requireNonNull(redriveDate);
        Objects.requireNonNull(traceHeader);
    }

    public String stateMachineArn() {
        return machine.arn();
    }
}
