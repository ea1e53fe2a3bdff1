package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.QueryLanguage;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.Executions;
import dev.lamina.workflows.engine.HistoryEvent;
import dev.lamina.workflows.engine.MachineSnapshot;
import dev.lamina.workflows.engine.MachineType;
import dev.lamina.workflows.engine.Page;
import dev.lamina.workflows.engine.StartRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Executions whose awaitFinish answers {@code finished}, or blocks until interrupted when it is null. */
final class FakeExecutions implements Executions {
    static final MachineSnapshot MACHINE = new MachineSnapshot("arn:aws:states:us-east-1:000000000000:stateMachine:child",
            "child", MachineType.STANDARD, "arn:aws:iam::000000000000:role/r", "{}",
            new Definition("A", Map.of(), Optional.empty(), QueryLanguage.JSONPATH, Optional.empty(),
                    JsonNodeFactory.instance.objectNode()), Optional.empty(), Optional.empty(), "1");

    final List<String> stopped = new ArrayList<>();
    private final ExecutionRecord finished;

    FakeExecutions(ExecutionRecord finished) {
        this.finished = finished;
    }

    static ExecutionRecord record(ExecutionStatus status, Optional<String> output, Optional<String> error,
                                  Optional<String> cause) {
        return new ExecutionRecord("arn:aws:states:us-east-1:000000000000:execution:child:c", MACHINE, "c", status,
                Instant.ofEpochMilli(1_000), Optional.of(Instant.ofEpochMilli(2_000)), "{\"in\":1}", output, error, cause,
                0, Optional.empty(), Optional.empty());
    }

    @Override
    public ExecutionRecord awaitFinish(String executionArn, Duration max) throws InterruptedException {
        if (finished == null) {
            Thread.sleep(Long.MAX_VALUE); // until interrupted: the test interrupts it
        }
        return finished;
    }

    @Override
    public ExecutionRecord stop(String executionArn, Optional<String> error, Optional<String> cause) {
        stopped.add(executionArn);
        return finished;
    }

    @Override
    public ExecutionRecord start(StartRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecutionRecord startSync(StartRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecutionRecord describe(String executionArn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> statusFilter, int maxResults,
                                      Optional<String> nextToken) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<HistoryEvent> history(String executionArn, boolean reverseOrder, int maxResults,
                                      Optional<String> nextToken, boolean includeExecutionData) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecutionRecord redrive(String executionArn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendTaskSuccess(String taskToken, String output) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendTaskFailure(String taskToken, Optional<String> error, Optional<String> cause) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendTaskHeartbeat(String taskToken) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ActivityTask> pollActivity(String activityArn, String workerName, Duration wait) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
