package dev.lamina.workflows.engine;

/** An execution's status as DescribeExecution answers it. RUNNING is the only one that changes. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE;

    public boolean finished() {
        return this != RUNNING && this != PENDING_REDRIVE;
    }
}
