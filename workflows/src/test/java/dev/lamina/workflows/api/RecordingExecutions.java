package dev.lamina.workflows.api;

import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.Executions;
import dev.lamina.workflows.engine.HistoryEvent;
import dev.lamina.workflows.engine.Page;
import dev.lamina.workflows.engine.StartRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Executions} that records what the API starts and answers it as RUNNING. */
final class RecordingExecutions implements Executions {
    final List<StartRequest> started = new ArrayList<>();
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Override
    public ExecutionRecord start(StartRequest r) {
        started.add(r);
        return new ExecutionRecord(r.machine().arn().replace(":stateMachine:", ":execution:") + ":" + r.name(),
                r.machine(), r.name(), ExecutionStatus.RUNNING, NOW, Optional.empty(), r.input(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, Optional.empty(), r.traceHeader());
    }

    @Override
    public ExecutionRecord startSync(StartRequest r) {
        ExecutionRecord e = start(r);
        return new ExecutionRecord(e.executionArn(), e.machine(), e.name(), ExecutionStatus.SUCCEEDED, NOW,
                Optional.of(NOW.plusMillis(250)), e.input(), Optional.of(e.input()), Optional.empty(), Optional.empty(),
                0, Optional.empty(), Optional.empty());
    }

    @Override
    public ExecutionRecord describe(String executionArn) {
        throw StatesErrors.executionDoesNotExist(executionArn);
    }

    @Override
    public Page<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> statusFilter, int maxResults,
                                      Optional<String> nextToken) {
        return new Page<>(List.of(), Optional.empty());
    }

    @Override
    public Page<HistoryEvent> history(String executionArn, boolean reverseOrder, int maxResults,
                                      Optional<String> nextToken, boolean includeExecutionData) {
        throw StatesErrors.executionDoesNotExist(executionArn);
    }

    @Override
    public ExecutionRecord stop(String executionArn, Optional<String> error, Optional<String> cause) {
        throw StatesErrors.executionDoesNotExist(executionArn);
    }

    @Override
    public ExecutionRecord redrive(String executionArn) {
        throw StatesErrors.executionDoesNotExist(executionArn);
    }

    @Override
    public void sendTaskSuccess(String taskToken, String output) {
    }

    @Override
    public void sendTaskFailure(String taskToken, Optional<String> error, Optional<String> cause) {
    }

    @Override
    public void sendTaskHeartbeat(String taskToken) {
    }

    @Override
    public ExecutionRecord awaitFinish(String executionArn, Duration max) {
        throw StatesErrors.executionDoesNotExist(executionArn);
    }

    @Override
    public Optional<ActivityTask> pollActivity(String activityArn, String workerName, Duration wait) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
