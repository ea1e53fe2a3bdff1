package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** "Crashes": an engine is dropped (its executions stay RUNNING in the journal) and a new one resumes them. */
class EngineRecoveryTest {
    private final Harness h = new Harness();

    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aTaskInFlightRunsAgainAfterARestartAndTheHistoryContinues() throws Exception {
        CountDownLatch firstCall = new CountDownLatch(1);
        h.integrations.on("f", (call, n) -> {
            if (n == 0) {
                firstCall.countDown();
                Thread.sleep(600_000);
            }
            return TextNode.valueOf("done");
        });
        Engine first = h.engine();
        ExecutionRecord r = first.start(Harness.request("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "Next": "T"},
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "f"}, "End": true}}}""", "{}"));
        firstCall.await();
        first.close();
        assertThat(h.journal.find(r.executionArn()).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);

        Engine second = h.engine();
        second.start();
        ExecutionRecord done = second.awaitFinish(r.executionArn(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).contains("\"done\"");
        assertThat(h.integrations.calls("f")).isEqualTo(2);
        List<HistoryEvent> events = Harness.events(second, r.executionArn());
        assertThat(events).extracting(HistoryEvent::type).containsExactly("ExecutionStarted", "PassStateEntered",
                "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).id()).isEqualTo(i + 1);
        }
        assertThat(h.journal.running()).isEmpty();
    }

    @Test
    void aWaitKeepsItsDeadlineAcrossARestart() throws Exception {
        Harness.MovableClock clock = new Harness.MovableClock();
        h.clock = clock;
        h.timeScale = 1.0;
        Engine first = h.engine();
        ExecutionRecord r = first.start(Harness.request("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""", "{}"));
        until(() -> h.journal.running().stream().anyMatch(x -> x.frames().getOrDefault(Frames.ROOT, "")
                .contains("waitUntil")));
        first.close();
        clock.advance(Duration.ofMinutes(30));

        Engine second = h.engine();
        second.start();
        assertThat(second.describe(r.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
        clock.advance(Duration.ofMinutes(30));
        ExecutionRecord done = second.awaitFinish(r.executionArn(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Harness.types(second, r.executionArn())).containsExactly("ExecutionStarted", "WaitStateEntered",
                "WaitStateExited", "ExecutionSucceeded");
    }

    @Test
    void anAcknowledgedStartIsResumedEvenIfNothingRanYet() throws Exception {
        h.integrations.on("f", (call, n) -> TextNode.valueOf("ok"));
        String def = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "f"}, "End": true}}}""";
        MemoryJournal journal = h.journal;
        ExecutionRecord r = new ExecutionRecord(Harness.ARNS.execution("m", "x"),
                Harness.machine(def, MachineType.STANDARD), "x", ExecutionStatus.RUNNING, java.time.Instant.now(),
                java.util.Optional.empty(), "{}", java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), 0, java.util.Optional.empty(), java.util.Optional.empty());
        Events.Ev started = Events.executionStarted("{}", "role", java.util.Optional.empty(), java.util.Optional.empty());
        journal.create(r, List.of(new HistoryEvent(1, 0, r.startDate(), started.type(), started.details())), List.of());
        Engine engine = h.engine();
        engine.start();
        ExecutionRecord done = engine.awaitFinish(r.executionArn(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Harness.shape(engine, r.executionArn())).startsWith("ExecutionStarted 1<-0",
                "TaskStateEntered 2<-0");
    }

    @Test
    void aRestartAfterTheEndStateExitedOnlyRecordsTheEnd() throws Exception {
        String def = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";
        ExecutionRecord r = new ExecutionRecord(Harness.ARNS.execution("m", "ended"),
                Harness.machine(def, MachineType.STANDARD), "ended", ExecutionStatus.RUNNING, java.time.Instant.now(),
                java.util.Optional.empty(), "{}", java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), 0, java.util.Optional.empty(), java.util.Optional.empty());
        java.time.Instant t = r.startDate();
        Events.Ev started = Events.executionStarted("{}", "role", java.util.Optional.empty(), java.util.Optional.empty());
        Events.Ev entered = Events.stateEntered("Pass", "P", "{}");
        Events.Ev exited = Events.stateExited("Pass", "P", "{\"out\":1}", java.util.Map.of());
        h.journal.create(r, List.of(new HistoryEvent(1, 0, t, started.type(), started.details()),
                new HistoryEvent(2, 0, t, entered.type(), entered.details()),
                new HistoryEvent(3, 2, t, exited.type(), exited.details())), List.of(
                new ExecutionJournal.FrameWrite(Frames.ROOT, java.util.Optional.of(Frames.write(new Frames.Position(
                        Frames.END, Json.parse("{\"out\":1}"), java.util.Map.of(), 3, java.util.Optional.empty(),
                        java.util.Optional.empty(), java.util.Optional.empty()))))));
        Engine engine = h.engine();
        engine.start();
        ExecutionRecord done = engine.awaitFinish(r.executionArn(), Duration.ofSeconds(20));
        assertThat(done.output()).contains("{\"out\":1}");
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "PassStateEntered 2<-0", "PassStateExited 3<-2", "ExecutionSucceeded 4<-3");
    }
}
