package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lamina.it.StepFunctionsTesting.MACHINE_ARN_PREFIX;
import static dev.lamina.it.StepFunctionsTesting.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step Functions' promise across {@code kill -9}: a STANDARD execution's progress is on disk at each
 * transition. One server is killed while it starts a flood of executions, holds one in a Wait state and
 * one in a Lambda Task; the restarted server (on the same data directory) must know every execution
 * StartExecution acknowledged, finish the Wait at its original deadline, run the in-flight Task again,
 * and keep every history whole. The ledger is the test's own: the execution ARNs it was answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepFunctionsCrashIT {
    static final int WAIT_SECONDS = 20;
    /** The flood's machine: short, with a Wait so some of its executions are mid-way at the kill. */
    static final String QUICK = """
            {"StartAt":"First","States":{
              "First":{"Type":"Pass","Result":{"step":1},"ResultPath":"$.first","Next":"Pause"},
              "Pause":{"Type":"Wait","Seconds":1,"Next":"Last"},
              "Last":{"Type":"Pass","End":true}}}""";
    static final String WAITER = """
            {"StartAt":"Hold","States":{
              "Hold":{"Type":"Wait","Seconds":%d,"Next":"Done"},
              "Done":{"Type":"Pass","End":true}}}""".formatted(WAIT_SECONDS);
    static final String INVOKER = """
            {"StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                      "Parameters":{"FunctionName":"slow","Payload.$":"$"},
                      "ResultSelector":{"answer.$":"$.Payload"},"End":true}}}""";
    /** Slow enough that the kill finds it running, and succeeds whenever it runs. */
    static final String SLOW = "exports.handler = async (event) => {\n"
            + "  await new Promise(r => setTimeout(r, 6000));\n"
            + "  return {ok: true, seen: event};\n};\n";

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private int cutOff;
    private String waiterArn;
    private String invokerArn;
    private Instant restartedAt;
    private LaminaProcess server;
    private SfnClient sfn;

    @BeforeAll
    void killOnceAndRestart(@TempDir Path tmp) throws Exception {
        Path dataDir = Files.createDirectories(tmp.resolve("data"));
        try (LaminaProcess first = LaminaProcess.start(dataDir); LambdaClient lambda = first.lambda();
             SfnClient client = StepFunctionsTesting.sfn(first.endpoint())) {
            Functions.create(lambda, "slow", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js", SLOW)),
                    b -> b.timeout(30));
            String quick = machine(client, "quick", QUICK);
            String waiter = machine(client, "waiter", WAITER);
            String invoker = machine(client, "invoker", INVOKER);
            waiterArn = client.startExecution(b -> b.stateMachineArn(waiter).name("hold").input("{}")).executionArn();
            invokerArn = client.startExecution(b -> b.stateMachineArn(invoker).name("call")
                    .input("{\"n\":7}")).executionArn();

            ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor();
            AtomicInteger sequence = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            for (int s = 0; s < 8; s++) {
                starters.submit(() -> {
                    while (!Thread.currentThread().isInterrupted() && failures.get() <= 50) {
                        String name = "q-" + sequence.incrementAndGet();
                        try {
                            acknowledged.add(client.startExecution(b -> b.stateMachineArn(quick).name(name)
                                    .input("{\"name\":\"" + name + "\"}")).executionArn());
                        } catch (RuntimeException e) {
                            failures.incrementAndGet(); // in flight when the server died: never acknowledged
                        }
                    }
                });
            }
            // Kill once the Wait has begun, the Task is running, and the flood has been acknowledged a while.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(has(client, waiterArn, HistoryEventType.WAIT_STATE_ENTERED)
                    && has(client, invokerArn, HistoryEventType.TASK_STARTED)
                    && acknowledged.size() >= 100) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(has(client, invokerArn, HistoryEventType.TASK_SUCCEEDED))
                    .as("the Task is still in flight when the server is killed").isFalse();
            first.kill();
            starters.shutdownNow();
            assertThat(starters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            cutOff = failures.get();
        }
        restartedAt = Instant.now();
        server = LaminaProcess.start(dataDir);
        sfn = StepFunctionsTesting.sfn(server.endpoint());
    }

    @AfterAll
    void stop() throws Exception {
        if (sfn != null) {
            sfn.close();
        }
        if (server != null) {
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    private static String machine(SfnClient sfn, String name, String definition) {
        String arn = sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
        assertThat(arn).isEqualTo(MACHINE_ARN_PREFIX + name);
        return arn;
    }

    private static boolean has(SfnClient sfn, String executionArn, HistoryEventType type) {
        return history(sfn, executionArn).stream().anyMatch(e -> e.type() == type);
    }

    private static List<HistoryEvent> history(SfnClient sfn, String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(100))
                .forEach(page -> events.addAll(page.events()));
        return events;
    }

    /** Polls DescribeExecution until the execution is no longer RUNNING (at most two minutes). */
    private DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        DescribeExecutionResponse r = sfn.describeExecution(b -> b.executionArn(executionArn));
        while (r.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = sfn.describeExecution(b -> b.executionArn(executionArn));
        }
        return r;
    }

    @Test
    void everyAcknowledgedStartExecutionIsKnownAfterTheKillAndRunsToItsEnd() throws Exception {
        assertThat(acknowledged).as("a floor of work done, so that none lost means something").hasSizeGreaterThan(99);
        List<String> listed = new ArrayList<>();
        sfn.listExecutionsPaginator(b -> b.stateMachineArn(MACHINE_ARN_PREFIX + "quick").maxResults(100))
                .forEach(page -> page.executions().forEach(e -> listed.add(e.executionArn())));
        assertThat(listed).as("ListExecutions after the restart").containsAll(acknowledged);
        for (String arn : acknowledged) {
            assertThat(finished(arn).status()).as(arn).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        System.out.printf("StepFunctionsCrashIT: %d executions acknowledged, %d StartExecution calls cut off by"
                + " kill -9, 0 lost, %d listed%n", acknowledged.size(), cutOff, listed.size());
    }

    @Test
    void aWaitStateKeepsItsDeadlineAcrossTheRestart() throws Exception {
        assertThat(finished(waiterArn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<HistoryEvent> events = history(sfn, waiterArn);
        Instant entered = only(events, HistoryEventType.WAIT_STATE_ENTERED).timestamp();
        Instant exited = only(events, HistoryEventType.WAIT_STATE_EXITED).timestamp();

        // The wire carries epoch seconds as a decimal with milliseconds, which the SDK reads through a
        // double: either timestamp may come back a millisecond low.
        assertThat(exited).as("not before its deadline")
                .isAfterOrEqualTo(entered.plusSeconds(WAIT_SECONDS).minusMillis(1));
        assertThat(exited).as("the deadline counted from the Wait's start, not from the restart")
                .isBefore(restartedAt.plusSeconds(WAIT_SECONDS));
    }

    @Test
    void aTaskInFlightAtTheKillRunsAgainAndSucceeds() throws Exception {
        DescribeExecutionResponse r = finished(invokerArn);

        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Functions.JSON.readTree(r.output());
        assertThat(output.path("answer").path("ok").asBoolean()).isTrue();
        assertThat(output.path("answer").path("seen").path("n").asInt()).isEqualTo(7);
        assertThat(history(sfn, invokerArn).stream().filter(e -> e.type() == HistoryEventType.TASK_SUCCEEDED))
                .hasSize(1);
    }

    @Test
    void historiesStayWholeAcrossTheKill() throws Exception {
        List<HistoryEventType> clean = List.of(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        for (String arn : acknowledged) {
            finished(arn);
            List<HistoryEvent> events = history(sfn, arn);
            assertThat(events.stream().map(HistoryEvent::type)).as(arn).containsExactlyElementsOf(clean);
            assertWhole(arn, events);
        }
        for (String arn : List.of(waiterArn, invokerArn)) {
            finished(arn);
            List<HistoryEvent> events = history(sfn, arn);
            assertWhole(arn, events);
            assertThat(events.getFirst().type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
            assertThat(events.getLast().type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        }
    }

    /** Ids 1..n without a gap or a repeat, each event following an earlier one, times never going back. */
    private static void assertWhole(String arn, List<HistoryEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            HistoryEvent e = events.get(i);
            assertThat(e.id()).as(arn + " event " + i).isEqualTo(i + 1L);
            assertThat(e.previousEventId()).as(arn + " event " + e.id()).isLessThan(e.id());
            if (i > 0) {
                assertThat(e.timestamp()).as(arn + " event " + e.id()).isAfterOrEqualTo(events.get(i - 1).timestamp());
            }
        }
        assertThat(events.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_STARTED)).as(arn).hasSize(1);
    }

    private static HistoryEvent only(List<HistoryEvent> events, HistoryEventType type) {
        List<HistoryEvent> found = events.stream().filter(e -> e.type() == type).toList();
        assertThat(found).as(type.toString()).hasSize(1);
        return found.getFirst();
    }
}
