package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.data.StatesError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTasksTest {
    private final Harness h = new Harness();
    private final Engine engine = h.engine();

    private static String invoke(String fields) {
        return """
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "f", "Token": "$$.Task.Token", "Try": "$$.State.RetryCount"},
                        %s "Next": "Done"},
                  "Done": {"Type": "Pass", "End": true}%s}}""".formatted(fields,
                fields.contains("Caught") ? ", \"Caught\": {\"Type\": \"Pass\", \"End\": true}" : "");
    }

    @Test
    void aServiceTaskRecordsScheduledStartedSucceeded() throws Exception {
        h.integrations.on("f", (call, n) -> TextNode.valueOf("ok"));
        ExecutionRecord r = Harness.runToEnd(engine, invoke("\"TimeoutSeconds\": 30,"), "{}");
        assertThat(r.output()).contains("\"ok\"");
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "TaskStateEntered 2<-0", "TaskScheduled 3<-2", "TaskStarted 4<-3", "TaskSucceeded 5<-4",
                "TaskStateExited 6<-5", "PassStateEntered 7<-6", "PassStateExited 8<-7", "ExecutionSucceeded 9<-8");
        HistoryEvent scheduled = Harness.events(engine, r.executionArn()).get(2);
        var d = scheduled.details().path("taskScheduledEventDetails");
        assertThat(d.path("resourceType").asText()).isEqualTo("lambda");
        assertThat(d.path("resource").asText()).isEqualTo("invoke");
        assertThat(d.path("region").asText()).isEqualTo("us-east-1");
        assertThat(d.path("timeoutInSeconds").asLong()).isEqualTo(30);
        assertThat(Json.parse(d.path("parameters").asText()).path("FunctionName").asText()).isEqualTo("f");
    }

    @Test
    void retriesCountAttemptsThenTheFirstMatchingCatcherCatches() throws Exception {
        h.integrations.on("f", (call, n) -> {
            assertThat(call.parameters().path("Try").asInt()).isEqualTo(n);
            throw new StatesError("Boom", "cause " + n);
        });
        ExecutionRecord r = Harness.runToEnd(engine, invoke("""
                "Retry": [{"ErrorEquals": ["Other"]}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["Nope"], "Next": "Done"}, {"ErrorEquals": ["States.TaskFailed"],
                           "ResultPath": "$.err", "Next": "Caught"}],"""), "{}");
        assertThat(h.integrations.calls("f")).isEqualTo(3);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(r.output().orElseThrow()).path("err").path("Cause").asText()).isEqualTo("cause 2");
        assertThat(Harness.types(engine, r.executionArn())).containsExactly("ExecutionStarted", "TaskStateEntered",
                "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskFailed",
                "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded");
    }

    @Test
    void statesRuntimeIsNeitherRetriedNorCaughtByStatesAll() throws Exception {
        h.integrations.on("f", (call, n) -> {
            throw new StatesError("States.Runtime", "bad");
        });
        ExecutionRecord r = Harness.runToEnd(engine, invoke("""
                "Retry": [{"ErrorEquals": ["States.ALL"]}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],"""), "{}");
        assertThat(h.integrations.calls("f")).isEqualTo(1);
        assertThat(r.error()).contains("States.Runtime");
    }

    @Test
    void aPlainFunctionArnRecordsLambdaFunctionEvents() throws Exception {
        h.integrations.on("fn", (call, n) -> {
            throw new StatesError("Exception", "{\"errorMessage\":\"x\"}");
        });
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:fn", "End": true}}}""", "{}");
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "TaskStateEntered 2<-0", "LambdaFunctionScheduled 3<-2", "LambdaFunctionStarted 4<-3",
                "LambdaFunctionFailed 5<-4", "ExecutionFailed 6<-5");
        assertThat(r.error()).contains("Exception");
    }

    @Test
    void aTaskResultOverTheLimitIsATaskFailureThatStatesAllCatches() throws Exception {
        h.integrations.on("f", (call, n) -> TextNode.valueOf("a".repeat(Json.PAYLOAD_LIMIT + 1)));
        ExecutionRecord r = Harness.runToEnd(engine, invoke("""
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],"""), "{}");
        assertThat(Json.parse(r.output().orElseThrow()).path("Cause").asText()).isEqualTo(
                "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.");
    }

    @Test
    void aTaskOverItsTimeoutFailsWithStatesTimeout() throws Exception {
        h.integrations.on("f", (call, n) -> {
            Thread.sleep(60_000);
            return IntNode.valueOf(1);
        });
        ExecutionRecord r = Harness.runToEnd(engine, invoke("\"TimeoutSeconds\": 1,"), "{}");
        assertThat(r.error()).contains("States.Timeout");
        List<String> types = Harness.types(engine, r.executionArn());
        assertThat(types.get(types.size() - 2)).isEqualTo("TaskTimedOut");
    }

    @Test
    void waitForTaskTokenWaitsForSendTaskSuccess() throws Exception {
        h.integrations.on("f", (call, n) -> TextNode.valueOf("sent"));
        ExecutionRecord r = engine.start(Harness.request(invoke("").replace("lambda:invoke",
                "lambda:invoke.waitForTaskToken"), "{}"));
        String token = h.integrations.tokens.poll(10, TimeUnit.SECONDS);
        assertThat(token).isNotNull();
        engine.sendTaskSuccess(token, "{\"answer\": 42}");
        ExecutionRecord done = engine.awaitFinish(r.executionArn(), Duration.ofSeconds(10));
        assertThat(done.output()).contains("{\"answer\":42}");
        assertThat(Harness.types(engine, r.executionArn())).containsSubsequence("TaskScheduled", "TaskStarted",
                "TaskSubmitted", "TaskSucceeded", "TaskStateExited");
        assertThatThrownBy(() -> engine.sendTaskSuccess(token, "{}")).isInstanceOf(ServiceException.class)
                .hasMessage("Task Timed Out: 'Provided task does not exist anymore'");
        assertThatThrownBy(() -> engine.sendTaskFailure("nonsense", Optional.empty(), Optional.empty()))
                .isInstanceOf(ServiceException.class).hasMessage("Invalid Token: 'Invalid token'");
    }

    @Test
    void sendTaskFailureFailsTheTask() throws Exception {
        h.integrations.on("f", (call, n) -> TextNode.valueOf("sent"));
        ExecutionRecord r = engine.start(Harness.request(invoke("").replace("lambda:invoke",
                "lambda:invoke.waitForTaskToken"), "{}"));
        engine.sendTaskFailure(h.integrations.tokens.poll(10, TimeUnit.SECONDS), Optional.of("Nope"),
                Optional.of("because"));
        ExecutionRecord done = engine.awaitFinish(r.executionArn(), Duration.ofSeconds(10));
        assertThat(done.error()).contains("Nope");
        assertThat(done.cause()).contains("because");
    }

    @Test
    void aMissedHeartbeatFailsWithHeartbeatTimeout() throws Exception {
        h.integrations.on("f", (call, n) -> TextNode.valueOf("sent"));
        ExecutionRecord r = Harness.runToEnd(engine, invoke("\"HeartbeatSeconds\": 1,").replace("lambda:invoke",
                "lambda:invoke.waitForTaskToken"), "{}");
        assertThat(r.error()).contains("States.HeartbeatTimeout");
    }

    @Test
    void anActivityIsHandedToAPollingWorker() throws Exception {
        String activity = Harness.ARNS.activity("act");
        ExecutionRecord r = engine.start(Harness.request("""
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%s", "End": true}}}"""
                .formatted(activity), "{\"job\": 1}"));
        Optional<Executions.ActivityTask> task = engine.pollActivity(activity, "worker-1", Duration.ofSeconds(10));
        assertThat(task).isPresent();
        assertThat(task.get().input()).isEqualTo("{\"job\":1}");
        engine.sendTaskSuccess(task.get().taskToken(), "\"done\"");
        ExecutionRecord done = engine.awaitFinish(r.executionArn(), Duration.ofSeconds(10));
        assertThat(done.output()).contains("\"done\"");
        assertThat(Harness.types(engine, r.executionArn())).containsExactly("ExecutionStarted", "TaskStateEntered",
                "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(engine.pollActivity(activity, "worker-1", Duration.ZERO)).isEmpty();
    }
}
