package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a Task state's work.
 *
 * @param parameters    the effective input (Parameters / Arguments) the resource gets
 * @param context       the context object as the state sees it
 * @param taskToken     for {@code .waitForTaskToken} and activities: the token the engine issued
 *                      (also in {@code context.Task.Token})
 * @param timeout       the state's TimeoutSeconds: the integration may use it to bound its own call
 * @param executionArn  the calling execution (nested executions name it as their parent)
 * @param roleArn       the state machine's role (or the state's Credentials.RoleArn)
 */
public record TaskCall(TaskResource resource, JsonNode parameters, ObjectNode context, Optional<String> taskToken,
                       Duration timeout, String executionArn, String roleArn) {
    public TaskCall {
        Objects.requireNonNull(resource);
        Objects.requireNonNull(parameters);
        Objects.requireNonNull(context);
        Objects.requireNonNull(taskToken);
        Objects.requireNonNull(timeout);
        Objects.requireNonNull(executionArn);
        Objects.requireNonNull(roleArn);
    }
}
