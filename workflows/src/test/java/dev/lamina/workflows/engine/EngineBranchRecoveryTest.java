package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Crashes" inside a Map or Parallel: the engine is dropped and a new one resumes each iteration or
 * branch from its own frame; finished ones are not run again and the history stays whole.
 */
class EngineBranchRecoveryTest {
    private final Harness h = new Harness();
    /** While true, calls of the "slow" functions block (until the engine is dropped). */
    private volatile boolean blocking = true;

    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(5);
        }
    }

    private FakeIntegrations.Handler echo(boolean slow) {
        return (call, n) -> {
            if (slow && blocking) {
                Thread.sleep(600_000);
            }
            return call.parameters().path("Payload");
        };
    }

    private long frames(String arn, java.util.function.Predicate<Map.Entry<String, String>> which) {
        return h.journal.running().stream().filter(x -> x.record().executionArn().equals(arn))
                .flatMap(x -> x.frames().entrySet().stream()).filter(which).count();
    }

    private static Map<String, Long> counts(List<String> types) {
        return types.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static void contiguous(List<HistoryEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).id()).isEqualTo(i + 1);
            assertThat(events.get(i).previousEventId()).isLessThan(events.get(i).id());
        }
    }

    private static String items() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            b.append(i == 0 ? "" : ",").append("{\"fn\":\"f").append(i).append("\",\"v\":").append(i).append('}');
        }
        return b.append(']').toString();
    }

    @Test
    void aMapResumesOnlyTheIterationsThatHadNotFinished() throws Exception {
        for (int i = 0; i < 10; i++) {
            h.integrations.on("f" + i, echo(i >= 6));
        }
        Engine first = h.engine();
        ExecutionRecord r = first.start(Harness.request("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "$.fn", "Payload": "$.v"}, "End": true}}}}}}""",
                items()));
        until(() -> frames(r.executionArn(), e -> e.getValue().contains("\"done\":true")) == 6
                && h.integrations.calls.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum() == 10);
        first.close();
        blocking = false;

        Engine second = h.engine();
        second.start();
        ExecutionRecord done = second.awaitFinish(r.executionArn(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output().orElseThrow())).isEqualTo(Json.parse("[0,1,2,3,4,5,6,7,8,9]"));
        for (int i = 0; i < 10; i++) {
            assertThat(h.integrations.calls("f" + i)).as("calls of f" + i).isEqualTo(i >= 6 ? 2 : 1);
        }
        List<HistoryEvent> events = Harness.events(second, r.executionArn());
        contiguous(events);
        Map<String, Long> c = counts(events.stream().map(HistoryEvent::type).toList());
        assertThat(c).containsEntry("MapStateEntered", 1L).containsEntry("MapStateStarted", 1L)
                .containsEntry("MapIterationStarted", 10L).containsEntry("MapIterationSucceeded", 10L)
                .containsEntry("TaskStateEntered", 10L).containsEntry("TaskSucceeded", 10L)
                .containsEntry("TaskScheduled", 14L).containsEntry("MapStateSucceeded", 1L)
                .containsEntry("MapStateExited", 1L).containsEntry("ExecutionSucceeded", 1L);
        assertThat(events.getLast().type()).isEqualTo("ExecutionSucceeded");
        assertThat(h.journal.running()).isEmpty();
    }

    @Test
    void aParallelResumesOnlyTheBranchThatHadNotFinished() throws Exception {
        h.integrations.on("fast", echo(false)).on("slow", echo(true));
        Engine first = h.engine();
        ExecutionRecord r = first.start(Harness.request("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "After", "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "fast", "Payload": "a"}, "Next": "A2"},
                    "A2": {"Type": "Pass", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "slow", "Payload": "b"}, "End": true}}}]},
                  "After": {"Type": "Pass", "End": true}}}""", "{}"));
        until(() -> frames(r.executionArn(), e -> e.getKey().equals("root/P/0")
                && Frames.read(e.getValue()).state().equals(Frames.END)) == 1 && h.integrations.calls("slow") == 1);
        first.close();
        blocking = false;

        Engine second = h.engine();
        second.start();
        ExecutionRecord done = second.awaitFinish(r.executionArn(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output().orElseThrow())).isEqualTo(Json.parse("[\"a\",\"b\"]"));
        assertThat(h.integrations.calls("fast")).isEqualTo(1);
        assertThat(h.integrations.calls("slow")).isEqualTo(2);
        List<HistoryEvent> events = Harness.events(second, r.executionArn());
        contiguous(events);
        // The branches interleave before the crash; after it only the slow task runs again.
        assertThat(events).extracting(HistoryEvent::type)
                .startsWith("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted")
                .endsWith("TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
                        "ParallelStateSucceeded", "ParallelStateExited", "PassStateEntered", "PassStateExited",
                        "ExecutionSucceeded");
        Map<String, Long> c = counts(events.stream().map(HistoryEvent::type).toList());
        assertThat(c).containsEntry("TaskStateEntered", 2L).containsEntry("PassStateEntered", 2L)
                .containsEntry("TaskScheduled", 3L).containsEntry("TaskSucceeded", 2L)
                .containsEntry("ParallelStateStarted", 1L).containsEntry("ParallelStateSucceeded", 1L);
        assertThat(h.journal.running()).isEmpty();
    }

    @Test
    void anUninterruptedMapLeavesNoChildFrames() throws Exception {
        h.integrations.on("g", (call, n) -> IntNode.valueOf(n));
        Engine engine = h.engine();
        ExecutionRecord r = engine.start(Harness.request("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "Next": "W",
                  "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "g"}, "End": true}}}},
                  "W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""", "[1, 2, 3]"));
        until(() -> frames(r.executionArn(), e -> e.getKey().equals(Frames.ROOT)
                && e.getValue().contains("waitUntil")) == 1);
        assertThat(frames(r.executionArn(), e -> !e.getKey().equals(Frames.ROOT))).isZero();
        engine.close();
    }

    @Test
    void aRedrivenMapRunsItsIterationsAgainAndLeavesNoOldFrames() throws Exception {
        h.integrations.on("flaky", (call, n) -> {
            if (n == 0) {
                throw new dev.lamina.workflows.data.StatesError("Flaky", "first time");
            }
            return IntNode.valueOf(n);
        });
        Engine engine = h.engine();
        ExecutionRecord failed = Harness.runToEnd(engine, """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "MaxConcurrency": 1,
                  "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "flaky"},
                    "End": true}}}}}}""", "[1, 2]");
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);

        engine.redrive(failed.executionArn());
        ExecutionRecord done = engine.awaitFinish(failed.executionArn(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output().orElseThrow())).isEqualTo(Json.parse("[1, 2]"));
        List<String> types = Harness.types(engine, failed.executionArn());
        assertThat(types).containsSubsequence("MapIterationFailed", "MapStateFailed", "ExecutionFailed",
                "ExecutionRedriven", "MapStateStarted", "MapIterationStarted", "MapIterationSucceeded",
                "MapIterationStarted", "MapIterationSucceeded", "MapStateSucceeded", "ExecutionSucceeded");
        contiguous(Harness.events(engine, failed.executionArn()));
    }
}
