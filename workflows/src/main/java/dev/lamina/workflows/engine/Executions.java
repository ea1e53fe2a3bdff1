package dev.lamina.workflows.engine;

import dev.lamina.model.ServiceException;

import java.time.Duration;
import java.util.Optional;

/**
 * The executions of every state machine: starting them, running them to their end across restarts,
 * and answering for them. The API calls it after checking its input; nested executions
 * ({@code states:startExecution}) and task-token callbacks come through it too. Errors are
 * {@link ServiceException}s with Step Functions' codes ({@link dev.lamina.workflows.StatesErrors}).
 */
public interface Executions extends AutoCloseable {

    /**
     * Starts an execution and answers once it is durable (STANDARD: on disk with its ExecutionStarted
     * event). The same name with the same input as a RUNNING execution of the same machine answers that
     * execution; a different input, or a closed execution of that name → ExecutionAlreadyExists (as AWS).
     */
    ExecutionRecord start(StartRequest request) throws ServiceException;

    /** StartSyncExecution: runs an EXPRESS execution to its end (at most 5 minutes) and answers its record. */
    ExecutionRecord startSync(StartRequest request) throws ServiceException;

    /** @throws ServiceException ExecutionDoesNotExist */
    ExecutionRecord describe(String executionArn) throws ServiceException;

    /**
     * ListExecutions of a machine (its unqualified ARN), or of a version or alias ARN; newest first.
     *
     * @param statusFilter only executions in this status
     */
    Page<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> statusFilter, int maxResults,
                               Optional<String> nextToken) throws ServiceException;

    /** GetExecutionHistory: oldest first unless {@code reverseOrder}; {@code includeExecutionData=false} leaves inputs and outputs out. */
    Page<HistoryEvent> history(String executionArn, boolean reverseOrder, int maxResults, Optional<String> nextToken,
                               boolean includeExecutionData) throws ServiceException;

    /** StopExecution: ABORTED with the given error and cause (ExecutionAborted event); a finished execution is left as it is. */
    ExecutionRecord stop(String executionArn, Optional<String> error, Optional<String> cause) throws ServiceException;

    /** RedriveExecution: restarts a FAILED, TIMED_OUT or ABORTED STANDARD execution from the states that did not succeed. */
    ExecutionRecord redrive(String executionArn) throws ServiceException;

    /** SendTaskSuccess: {@code output} is JSON text. @throws ServiceException TaskDoesNotExist, InvalidToken, InvalidOutput, TaskTimedOut */
    void sendTaskSuccess(String taskToken, String output) throws ServiceException;

    /** SendTaskFailure. */
    void sendTaskFailure(String taskToken, Optional<String> error, Optional<String> cause) throws ServiceException;

    /** SendTaskHeartbeat: restarts the task's heartbeat clock. */
    void sendTaskHeartbeat(String taskToken) throws ServiceException;

    /**
     * Waits until the execution is no longer RUNNING (for {@code .sync} integrations), at most {@code max}.
     *
     * @return its record then, or its running record when {@code max} passed first
     */
    ExecutionRecord awaitFinish(String executionArn, Duration max) throws ServiceException, InterruptedException;

    /** An activity's task handed to a worker: its token and its input text. */
    record ActivityTask(String taskToken, String input) {
    }

    /**
     * GetActivityTask: the oldest task waiting for this activity, waiting up to {@code wait} (AWS: 60 s)
     * for one; empty when none came.
     */
    java.util.Optional<ActivityTask> pollActivity(String activityArn, String workerName, Duration wait)
            throws ServiceException, InterruptedException;

    @Override
    void close();
}
