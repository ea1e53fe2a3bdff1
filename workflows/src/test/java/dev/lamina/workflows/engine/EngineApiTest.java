package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.data.StatesError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineApiTest {
    private static final String WAIT_LONG = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 99999999, "End": true}}}""";
    private static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";
    private final Harness h = new Harness();
    private final Engine engine = h.engine();

    @Test
    void theSameNameAndInputAnswerTheSameExecutionAndAnotherInputIsRefused() {
        StartRequest first = Harness.request(WAIT_LONG, "{\"a\": 1}");
        ExecutionRecord r = engine.start(first);
        assertThat(engine.start(first)).isEqualTo(r);
        StartRequest other = new StartRequest(first.machine(), first.name(), "{\"a\": 2}", Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> engine.start(other)).isInstanceOf(ServiceException.class)
                .hasMessage("Execution Already Exists: '" + r.executionArn() + "'");
        engine.stop(r.executionArn(), Optional.empty(), Optional.empty());
        // Closed, its name stays taken even for the same input (AWS keeps names 90 days).
        assertThatThrownBy(() -> engine.start(first)).isInstanceOf(ServiceException.class)
                .hasMessage("Execution Already Exists: '" + r.executionArn() + "'");
    }

    @Test
    void concurrentStartsOfOneNameMakeOneExecution() throws Exception {
        StartRequest req = Harness.request(WAIT_LONG, "{}");
        List<java.util.concurrent.Future<ExecutionRecord>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> engine.start(req)));
            }
        }
        ExecutionRecord first = answers.get(0).get();
        for (var a : answers) {
            assertThat(a.get()).isEqualTo(first);
        }
        assertThat(Harness.types(engine, first.executionArn()).stream().filter("ExecutionStarted"::equals)).hasSize(1);
        engine.stop(first.executionArn(), Optional.empty(), Optional.empty());
    }

    @Test
    void stopAbortsARunningTaskAndRecordsExecutionAborted() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        h.integrations.on("f", (call, n) -> {
            called.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return TextNode.valueOf("late");
        });
        ExecutionRecord r = engine.start(Harness.request("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "f"}, "End": true}}}""", "{}"));
        called.await();
        ExecutionRecord stopped = engine.stop(r.executionArn(), Optional.of("Why"), Optional.of("Because"));
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.stopDate()).isPresent();
        assertThat(stopped.error()).contains("Why");
        List<HistoryEvent> events = Harness.events(engine, r.executionArn());
        HistoryEvent last = events.get(events.size() - 1);
        assertThat(last.type()).isEqualTo("ExecutionAborted");
        assertThat(last.previousEventId()).isZero(); // AWS: the end of a stopped execution follows no event
        assertThat(events).extracting(HistoryEvent::type).containsExactly("ExecutionStarted", "TaskStateEntered",
                "TaskScheduled", "TaskStarted", "ExecutionAborted");
        assertThat(last.details().path("executionAbortedEventDetails").path("cause").asText()).isEqualTo("Because");
        assertThat(engine.stop(r.executionArn(), Optional.empty(), Optional.empty()).status())
                .isEqualTo(ExecutionStatus.ABORTED);
    }

    @Test
    void theMachinesTimeoutSecondsTimesTheExecutionOut() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"TimeoutSeconds": 1, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 99999999, "End": true}}}""",
                "{}");
        assertThat(r.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "WaitStateEntered 2<-0", "ExecutionTimedOut 3<-0");
        HistoryEvent last = Harness.events(engine, r.executionArn()).getLast();
        assertThat(Json.text(last.details().path("executionTimedOutEventDetails")))
                .isEqualTo("{\"error\":\"States.Timeout\"}");
    }

    @Test
    void historyPagesForwardAndBackward() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, PASS, "{}");
        Page<HistoryEvent> p1 = engine.history(r.executionArn(), false, 2, Optional.empty(), true);
        assertThat(p1.items()).extracting(HistoryEvent::id).containsExactly(1L, 2L);
        Page<HistoryEvent> p2 = engine.history(r.executionArn(), false, 2, p1.nextToken(), true);
        assertThat(p2.items()).extracting(HistoryEvent::id).containsExactly(3L, 4L);
        assertThat(p2.nextToken()).isEmpty();
        Page<HistoryEvent> back = engine.history(r.executionArn(), true, 3, Optional.empty(), false);
        assertThat(back.items()).extracting(HistoryEvent::id).containsExactly(4L, 3L, 2L);
        assertThat(back.items().get(0).details().path("executionSucceededEventDetails").has("output")).isFalse();
        assertThat(engine.history(r.executionArn(), true, 3, back.nextToken(), true).items())
                .extracting(HistoryEvent::id).containsExactly(1L);
        assertThatThrownBy(() -> engine.history(r.executionArn(), false, 2, Optional.of("garbage"), true))
                .isInstanceOf(ServiceException.class);
    }

    @Test
    void listPagesNewestFirstAndFiltersByStatus() throws Exception {
        ExecutionRecord a = Harness.runToEnd(engine, PASS, "{}");
        ExecutionRecord b = Harness.runToEnd(engine, PASS, "{}");
        ExecutionRecord running = engine.start(Harness.request(WAIT_LONG, "{}"));
        Page<ExecutionRecord> p1 = engine.list(a.stateMachineArn(), Optional.of(ExecutionStatus.SUCCEEDED), 1,
                Optional.empty());
        assertThat(p1.items()).hasSize(1);
        Page<ExecutionRecord> p2 = engine.list(a.stateMachineArn(), Optional.of(ExecutionStatus.SUCCEEDED), 1,
                p1.nextToken());
        assertThat(List.of(p1.items().get(0).executionArn(), p2.items().get(0).executionArn()))
                .containsExactlyInAnyOrder(a.executionArn(), b.executionArn());
        assertThat(p2.nextToken()).isEmpty();
        engine.stop(running.executionArn(), Optional.empty(), Optional.empty());
    }

    @Test
    void describeOfAnUnknownExecutionIsExecutionDoesNotExist() {
        assertThatThrownBy(() -> engine.describe(Harness.ARNS.execution("m", "nope")))
                .isInstanceOf(ServiceException.class).hasMessageContaining("Execution Does Not Exist");
    }

    @Test
    void redriveRestartsTheFailedStateAfterExecutionRedriven() throws Exception {
        h.integrations.on("f", (call, n) -> {
            if (n == 0) {
                throw new StatesError("Flaky", "first time");
            }
            return TextNode.valueOf("second time");
        });
        ExecutionRecord failed = Harness.runToEnd(engine, """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "T"},
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "f"}, "End": true}}}""", "{}");
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        ExecutionRecord again = engine.redrive(failed.executionArn());
        assertThat(again.redriveCount()).isEqualTo(1);
        ExecutionRecord done = engine.awaitFinish(failed.executionArn(), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).contains("\"second time\"");
        List<String> types = Harness.types(engine, failed.executionArn());
        assertThat(types).containsSubsequence("TaskFailed", "ExecutionFailed", "ExecutionRedriven",
                "TaskStateEntered", "TaskSucceeded", "ExecutionSucceeded");
        assertThat(types.stream().filter("PassStateEntered"::equals)).hasSize(1);
        assertThatThrownBy(() -> engine.redrive(failed.executionArn())).isInstanceOf(ServiceException.class)
                .extracting(e -> ((ServiceException) e).code()).isEqualTo("ExecutionNotRedrivable");
    }

    @Test
    void startSyncRunsAnExpressExecutionToItsEnd() {
        StartRequest req = new StartRequest(Harness.machine(PASS, MachineType.EXPRESS), "x", "{\"k\": 1}",
                Optional.empty(), Optional.empty());
        ExecutionRecord r = engine.startSync(req);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(r.output()).contains("{\"k\":1}");
        assertThat(r.executionArn()).startsWith("arn:aws:states:us-east-1:000000000000:express:m:x:");
        assertThat(engine.describe(r.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.journal.find(r.executionArn())).isEmpty();
    }
}
