package dev.lamina.workflows.engine;

import dev.lamina.model.ServiceException;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.WorkflowsContext;
import dev.lamina.workflows.tasks.Integrations;

import java.time.Duration;
import java.util.Optional;

/** Runs executions: the interpreter's loop over states, their history, timers, callbacks, and recovery after a restart. */
public final class Engine implements Executions {
    private final WorkflowsContext context;
    private final ExecutionJournal journal;
    private final Integrations integrations;

    public Engine(WorkflowsContext context, ExecutionJournal journal, Integrations integrations) {
        this.context = context;
        this.journal = journal;
        this.integrations = integrations;
    }

    /** Resumes every execution the journal holds as running. */
    public void start() {
    }

    @Override
    public ExecutionRecord start(StartRequest request) {
        throw StatesErrors.internal("not built yet");
    }

    @Override
    public ExecutionRecord startSync(StartRequest request) {
        throw StatesErrors.internal("not built yet");
    }

    @Override
    public ExecutionRecord describe(String executionArn) {
        throw StatesErrors.executionDoesNotExist(executionArn);
    }

    @Override
    public Page<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> statusFilter, int maxResults,
                                      Optional<String> nextToken) {
        return new Page<>(java.util.List.of(), Optional.empty());
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
        throw StatesErrors.taskDoesNotExist("Task does not exist");
    }

    @Override
    public void sendTaskFailure(String taskToken, Optional<String> error, Optional<String> cause) {
        throw StatesErrors.taskDoesNotExist("Task does not exist");
    }

    @Override
    public void sendTaskHeartbeat(String taskToken) {
        throw StatesErrors.taskDoesNotExist("Task does not exist");
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
        journal.close();
    }
}
