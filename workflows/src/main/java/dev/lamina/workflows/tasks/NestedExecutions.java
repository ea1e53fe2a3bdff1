package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.Executions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code arn:aws:states:::states:startExecution} with its patterns. Request-response (and
 * {@code .waitForTaskToken}) answers StartExecution's output ({@code ExecutionArn}, {@code StartDate}, the
 * SDK metadata). {@code .sync} tells the listener of that output, waits for the child, and answers
 * DescribeExecution's fields with Input and Output as JSON text; {@code .sync:2} the same with them as
 * JSON. A child that did not succeed fails the task with {@code States.TaskFailed} and those fields
 * (with the child's Error and Cause) as the cause. When the waiting task is interrupted (its timeout, the
 * parent stopped) the child is stopped too. Dates are epoch milliseconds, as AWS's SDK v1 wrote them.
 */
final class NestedExecutions implements Integration {
    private final StatesCalls api;
    private final Supplier<Executions> executions;

    NestedExecutions(StatesCalls api, Supplier<Executions> executions) {
        this.api = api;
        this.executions = executions;
    }

    @Override
    public JsonNode run(TaskCall call, TaskListener listener) throws StatesError, InterruptedException {
        listener.started();
        JsonNode p = call.parameters();
        ObjectNode request = SdkMetadata.object();
        if (p.hasNonNull("StateMachineArn")) {
            request.set("stateMachineArn", p.get("StateMachineArn"));
        }
        JsonNode input = p.get("Input");
        request.put("input", input == null || input.isNull() ? "{}" : input.isTextual() ? input.textValue() : input.toString());
        if (p.hasNonNull("Name")) {
            request.set("name", p.get("Name"));
        }
        JsonNode started;
        try {
            started = api.call("StartExecution", request);
        } catch (ServiceException e) {
            throw error(e);
        }
        String arn = started.path("executionArn").asText();
        ObjectNode out = SdkMetadata.object();
        out.put("ExecutionArn", arn);
        String requestId = UUID.randomUUID().toString();
        int length = started.toString().getBytes(StandardCharsets.UTF_8).length;
        SdkMetadata.add(out, SdkMetadata.json10(requestId, length), 200, requestId);
        out.put("StartDate", millis(started.path("startDate")));
        TaskResource.Pattern pattern = call.resource().pattern();
        if (pattern != TaskResource.Pattern.SYNC && pattern != TaskResource.Pattern.SYNC2) {
            return out;
        }
        listener.submitted(out);
        ExecutionRecord done = await(arn);
        ObjectNode described = describe(done, pattern == TaskResource.Pattern.SYNC2);
        if (done.status() != ExecutionStatus.SUCCEEDED) {
            throw new StatesError(ErrorNames.TASK_FAILED, described.toString());
        }
        return described;
    }

    /** Waits for the child's end; stops it when this wait is interrupted. */
    private ExecutionRecord await(String arn) throws StatesError, InterruptedException {
        Executions all = executions.get();
        try {
            ExecutionRecord r = all.awaitFinish(arn, Duration.ofMinutes(1));
            while (r.status() == ExecutionStatus.RUNNING) {
                r = all.awaitFinish(arn, Duration.ofMinutes(1));
            }
            return r;
        } catch (InterruptedException e) {
            try {
                all.stop(arn, Optional.empty(), Optional.empty());
            } catch (RuntimeException ignored) {
                // It may have ended meanwhile; the parent's task is over either way.
            }
            throw e;
        } catch (ServiceException e) {
            throw error(e);
        }
    }

    /** DescribeExecution's fields as {@code .sync} reports them. */
    static ObjectNode describe(ExecutionRecord r, boolean json) {
        ObjectNode out = SdkMetadata.object();
        r.cause().ifPresent(c -> out.put("Cause", c));
        r.error().ifPresent(e -> out.put("Error", e));
        out.put("ExecutionArn", r.executionArn());
        out.set("Input", value(r.input(), json));
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", r.name());
        if (r.status() == ExecutionStatus.SUCCEEDED) {
            out.set("Output", value(r.output().orElse("null"), json));
            out.putObject("OutputDetails").put("Included", true);
        }
        out.put("StartDate", r.startDate().toEpochMilli());
        out.put("StateMachineArn", r.stateMachineArn());
        out.put("Status", r.status().name());
        r.stopDate().ifPresent(d -> out.put("StopDate", d.toEpochMilli()));
        return out;
    }

    private static JsonNode value(String text, boolean json) {
        if (json) {
            try {
                return LambdaPayloads.JSON.readTree(text);
            } catch (java.io.IOException e) {
                // not JSON: kept as text
            }
        }
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
    }

    /** A JSON protocol timestamp (epoch seconds, or ISO text) in epoch milliseconds. */
    static long millis(JsonNode date) {
        if (date.isNumber()) {
            return (long) (date.asDouble() * 1000);
        }
        try {
            return Instant.parse(date.asText()).toEpochMilli();
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }

    static StatesError error(ServiceException e) {
        String exception = e.status() >= 500 ? "AWSStepFunctionsException"
                : e.code().endsWith("Exception") ? e.code() : e.code() + "Exception";
        return TaskErrors.v1("StepFunctions", exception, "AWSStepFunctions", e.status(), e.code(), e.getMessage());
    }
}
