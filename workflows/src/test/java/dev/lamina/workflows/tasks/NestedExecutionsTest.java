package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.engine.ExecutionStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.lamina.workflows.tasks.Fakes.call;
import static dev.lamina.workflows.tasks.Fakes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NestedExecutionsTest {
    private static final String CHILD = "arn:aws:states:us-east-1:000000000000:execution:child:c";
    private static final String PARAMS = "{\"StateMachineArn\":\"arn:aws:states:us-east-1:000000000000:stateMachine:child\","
            + "\"Input\":{\"in\":1},\"Name\":\"c\"}";

    private final List<ObjectNode> started = new ArrayList<>();
    private final StatesCalls api = (operation, input) -> {
        assertThat(operation).isEqualTo("StartExecution");
        started.add(input);
        return json("{\"executionArn\":\"" + CHILD + "\",\"startDate\":1.5}");
    };

    @Test
    void requestResponseStartsTheChildAndAnswersStartExecutionOutput() throws Exception {
        var listener = new Fakes.Listener();
        JsonNode out = new NestedExecutions(api, () -> new FakeExecutions(null))
                .run(call("arn:aws:states:::states:startExecution", PARAMS), listener);

        assertThat(started.getFirst()).isEqualTo(json("{\"stateMachineArn\":\"arn:aws:states:us-east-1:000000000000:"
                + "stateMachine:child\",\"input\":\"{\\\"in\\\":1}\",\"name\":\"c\"}"));
        assertThat(out.get("ExecutionArn").asText()).isEqualTo(CHILD);
        assertThat(out.get("StartDate").asLong()).isEqualTo(1500);
        assertThat(out.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(listener.submitted).isEmpty();
    }

    @Test
    void syncWaitsAndAnswersDescribeFieldsWithJsonText() throws Exception {
        var listener = new Fakes.Listener();
        var done = FakeExecutions.record(ExecutionStatus.SUCCEEDED, Optional.of("{\"Arg1\":\"a\"}"), Optional.empty(),
                Optional.empty());
        JsonNode out = new NestedExecutions(api, () -> new FakeExecutions(done))
                .run(call("arn:aws:states:::states:startExecution.sync", PARAMS), listener);

        assertThat(listener.submitted).hasSize(1);
        assertThat(listener.submitted.getFirst().get("ExecutionArn").asText()).isEqualTo(CHILD);
        assertThat(out.toString()).isEqualTo(json("{\"ExecutionArn\":\"" + CHILD + "\",\"Input\":\"{\\\"in\\\":1}\","
                + "\"InputDetails\":{\"Included\":true},\"Name\":\"c\",\"Output\":\"{\\\"Arg1\\\":\\\"a\\\"}\","
                + "\"OutputDetails\":{\"Included\":true},\"StartDate\":1000,\"StateMachineArn\":"
                + "\"arn:aws:states:us-east-1:000000000000:stateMachine:child\",\"Status\":\"SUCCEEDED\",\"StopDate\":2000}").toString());
    }

    @Test
    void sync2AnswersInputAndOutputAsJson() throws Exception {
        var done = FakeExecutions.record(ExecutionStatus.SUCCEEDED, Optional.of("{\"Arg1\":\"a\"}"), Optional.empty(),
                Optional.empty());
        JsonNode out = new NestedExecutions(api, () -> new FakeExecutions(done))
                .run(call("arn:aws:states:::states:startExecution.sync:2", PARAMS), TaskListener.NONE);
        assertThat(out.get("Input")).isEqualTo(json("{\"in\":1}"));
        assertThat(out.get("Output")).isEqualTo(json("{\"Arg1\":\"a\"}"));
    }

    @Test
    void aFailedChildFailsTheTaskWithStatesTaskFailedAndItsDescription() {
        var done = FakeExecutions.record(ExecutionStatus.FAILED, Optional.empty(), Optional.of("SomeFailure"),
                Optional.of("It failed."));
        assertThatThrownBy(() -> new NestedExecutions(api, () -> new FakeExecutions(done))
                .run(call("arn:aws:states:::states:startExecution.sync", PARAMS), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.TaskFailed");
                    JsonNode cause = json(e.cause().orElseThrow());
                    assertThat(cause.get("Error").asText()).isEqualTo("SomeFailure");
                    assertThat(cause.get("Cause").asText()).isEqualTo("It failed.");
                    assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
                    assertThat(cause.has("Output")).isFalse();
                });
    }

    @Test
    void anInterruptedWaitStopsTheChild() throws Exception {
        var executions = new FakeExecutions(null);
        var outcome = new CompletableFuture<Throwable>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                new NestedExecutions(api, () -> executions).run(call("arn:aws:states:::states:startExecution.sync",
                        PARAMS), new Fakes.Listener() {
                    @Override
                    public void submitted(JsonNode output) {
                        Thread.currentThread().interrupt(); // the state timed out while the child ran
                    }
                });
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        t.join();
        assertThat(executions.stopped).containsExactly(CHILD);
    }

    @Test
    void aMissingMachineIsStepFunctionsStateMachineDoesNotExistException() {
        StatesCalls missing = (operation, input) -> {
            throw StatesErrors.stateMachineDoesNotExist("arn:aws:states:us-east-1:000000000000:stateMachine:child");
        };
        assertThatThrownBy(() -> new NestedExecutions(missing, () -> new FakeExecutions(null))
                .run(call("arn:aws:states:::states:startExecution", PARAMS), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
                    assertThat(e.cause().orElseThrow()).startsWith("State Machine Does Not Exist: "
                            + "'arn:aws:states:us-east-1:000000000000:stateMachine:child' (Service: AWSStepFunctions; "
                            + "Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: ");
                });
    }
}
