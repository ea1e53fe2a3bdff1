package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.data.StatesError;

/**
 * The work of Task states: Lambda, SQS, EventBridge, nested executions, the aws-sdk form for the
 * services Lamina hosts. Blocking: the engine calls it on a virtual thread and may interrupt it when
 * the state times out or the execution stops.
 */
public interface Integrations {

    /**
     * Runs one attempt.
     *
     * <p>REQUEST_RESPONSE: returns the integration's result (lambda:invoke: {@code {"ExecutedVersion",
     * "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}}; a plain function ARN: the
     * function's response). SYNC/SYNC2: calls {@link TaskListener#submitted} once the work started and
     * returns when it ended. WAIT_FOR_TASK_TOKEN: returns after the message carrying the token was
     * sent, with that call's result (the engine then waits for the token); ACTIVITY is the engine's own.
     *
     * @throws StatesError the task's failure with AWS's error and cause: a function's error
     *         ({@code errorType} as the error, its error document as the cause), {@code Lambda.ResourceNotFoundException},
     *         {@code States.TaskFailed}, {@code SQS.AmazonSQSException}, an aws-sdk service's {@code <Service>.<Code>} …
     */
    JsonNode run(TaskCall call, TaskListener listener) throws StatesError, InterruptedException;

    /** Whether a Resource names an integration this can run (validated at CreateStateMachine). */
    boolean supports(TaskResource resource);
}
