package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.lamina.it.StepFunctionsApiIT.PASS;
import static dev.lamina.it.StepFunctionsApiIT.fails;
import static dev.lamina.it.StepFunctionsTesting.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/** Executions through the SDK v2: start (by machine, version, alias), describe, list, stop, history, sync, activities. */
class StepFunctionsExecutionsIT extends ServerPerClass {
    static final String WAIT = "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}";
    static SfnClient sfn;

    @BeforeAll
    static void client() {
        sfn = StepFunctionsTesting.sfn(server.endpoint());
    }

    @AfterAll
    static void closeClient() {
        sfn.close();
    }

    static DescribeExecutionResponse awaitFinished(String execution) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(execution));
            if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
                return d;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void anExecutionIsDescribedWithEveryFieldAndItsHistoryRead() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("described").definition(PASS).roleArn(ROLE))
                .stateMachineArn();
        var started = sfn.startExecution(b -> b.stateMachineArn(machine).name("one").input("{\"a\":1}")
                .traceHeader("Root=1-abc"));
        assertThat(started.executionArn()).isEqualTo(machine.replace(":stateMachine:", ":execution:") + ":one");
        // The same name and input again answers the same execution.
        DescribeExecutionResponse d = awaitFinished(started.executionArn());
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.name()).isEqualTo("one");
        assertThat(d.stateMachineArn()).isEqualTo(machine);
        assertThat(d.input()).isEqualTo("{\"a\":1}");
        assertThat(d.output()).isEqualTo("{\"a\":1}");
        assertThat(d.inputDetails().included()).isTrue();
        assertThat(d.outputDetails().included()).isTrue();
        assertThat(d.startDate()).isNotNull();
        assertThat(d.stopDate()).isNotNull();
        assertThat(d.redriveCount()).isZero();
        assertThat(d.redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
        assertThat(d.traceHeader()).isEqualTo("Root=1-abc");
        fails(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("one").input("{\"a\":2}")),
                "ExecutionAlreadyExists", "Execution Already Exists: '" + started.executionArn() + "'");

        var history = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()));
        assertThat(history.events()).extracting(e -> e.type()).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(history.events().getFirst().executionStartedEventDetails().input()).isEqualTo("{\"a\":1}");
        var page = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()).maxResults(3).reverseOrder(true));
        assertThat(page.events()).extracting(e -> e.id()).containsExactly(4L, 3L, 2L);
        assertThat(page.nextToken()).isNotNull();
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()).reverseOrder(true)
                .nextToken(page.nextToken())).events()).extracting(e -> e.id()).containsExactly(1L);

        var forExecution = sfn.describeStateMachineForExecution(b -> b.executionArn(started.executionArn()));
        assertThat(forExecution.definition()).isEqualTo(PASS);
        assertThat(forExecution.roleArn()).isEqualTo(ROLE);
        assertThat(forExecution.updateDate()).isNotNull();
        fails(() -> sfn.describeExecution(b -> b.executionArn(machine.replace(":stateMachine:", ":execution:") + ":none")),
                "ExecutionDoesNotExist", null);
    }

    @Test
    void executionsAreListedByStatusAndPageAndStopped() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("waiting").definition(WAIT).roleArn(ROLE)).stateMachineArn();
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            started.add(sfn.startExecution(b -> b.stateMachineArn(machine).name("w" + n)).executionArn());
        }
        var stopped = sfn.stopExecution(b -> b.executionArn(started.get(0)).error("Halt").cause("by test"));
        assertThat(stopped.stopDate()).isNotNull();
        DescribeExecutionResponse aborted = sfn.describeExecution(b -> b.executionArn(started.get(0)));
        assertThat(aborted.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(aborted.redriveStatusAsString()).isEqualTo("REDRIVABLE");

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListExecutionsResponse page = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2).nextToken(t));
            assertThat(page.executions()).hasSizeLessThanOrEqualTo(2);
            page.executions().forEach(e -> seen.add(e.name()));
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).containsExactlyInAnyOrder("w0", "w1", "w2");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
                .executions()).extracting(e -> e.name()).containsExactlyInAnyOrder("w1", "w2");
        started.subList(1, 3).forEach(e -> sfn.stopExecution(b -> b.executionArn(e)));
    }

    @Test
    void executionsOfVersionsAndAliasesNameThem() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("versioned-runs").definition(PASS).roleArn(ROLE)
                .publish(true)).stateMachineArn();
        String alias = sfn.createStateMachineAlias(b -> b.name("prod").routingConfiguration(
                RoutingConfigurationListItem.builder().stateMachineVersionArn(machine + ":1").weight(100).build()))
                .stateMachineAliasArn();
        String onVersion = sfn.startExecution(b -> b.stateMachineArn(machine + ":1")).executionArn();
        String onAlias = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        DescribeExecutionResponse v = awaitFinished(onVersion);
        assertThat(v.stateMachineArn()).isEqualTo(machine);
        assertThat(v.stateMachineVersionArn()).isEqualTo(machine + ":1");
        assertThat(v.stateMachineAliasArn()).isNull();
        DescribeExecutionResponse a = awaitFinished(onAlias);
        assertThat(a.stateMachineVersionArn()).isEqualTo(machine + ":1");
        assertThat(a.stateMachineAliasArn()).isEqualTo(alias);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(alias)).executions()).extracting(e -> e.executionArn())
                .containsExactly(onAlias);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine + ":1")).executions()).hasSize(2);
    }

    @Test
    void aDistributedMapsRunIsListed() throws Exception {
        String definition = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"Label\":\"Each\","
                + "\"ItemsPath\":\"$.items\",\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\","
                + "\"ExecutionType\":\"STANDARD\"},\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\","
                + "\"End\":true}}},\"End\":true}}}";
        String machine = sfn.createStateMachine(b -> b.name("distributed").definition(definition).roleArn(ROLE))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"items\":[1,2,3]}"))
                .executionArn();
        assertThat(awaitFinished(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        var runs = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns();
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.executionArn()).isEqualTo(execution);
            assertThat(r.mapRunArn()).startsWith(machine.replace(":stateMachine:", ":mapRun:") + "/Each:");
            assertThat(r.stateMachineArn()).isEqualTo(machine + "/Each");
            assertThat(r.stopDate()).isNotNull();
        });
    }

    @Test
    void anExpressMachineRunsSynchronously() {
        String machine = sfn.createStateMachine(b -> b.name("sync").definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
        StartSyncExecutionResponse r = sfn.startSyncExecution(b -> b.stateMachineArn(machine).input("{\"x\":true}"));
        assertThat(r.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("{\"x\":true}");
        assertThat(r.stateMachineArn()).isEqualTo(machine);
        assertThat(r.executionArn()).contains(":express:sync:");
        assertThat(r.billingDetails().billedMemoryUsedInMB()).isEqualTo(64);
        assertThat(r.billingDetails().billedDurationInMilliseconds()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void anActivityWorkerTakesTheTaskAndAnswersIt() throws Exception {
        String activity = sfn.createActivity(b -> b.name("it-worker")).activityArn();
        String definition = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"" + activity
                + "\",\"End\":true}}}";
        String machine = sfn.createStateMachine(b -> b.name("with-activity").definition(definition).roleArn(ROLE))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"job\":1}")).executionArn();
        GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activity).workerName("w"));
        assertThat(task.input()).isEqualTo("{\"job\":1}");
        sfn.sendTaskHeartbeat(b -> b.taskToken(task.taskToken()));
        fails(() -> sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{nope")), "InvalidOutput", null);
        sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"done\":true}"));
        DescribeExecutionResponse d = awaitFinished(execution);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"done\":true}");
    }
}
