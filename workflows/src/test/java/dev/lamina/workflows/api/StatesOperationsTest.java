package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.ServiceException;
import dev.lamina.store.Store;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.engine.MachineType;
import dev.lamina.workflows.engine.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatesOperationsTest {
    static final Arns ARNS = new Arns(new Region("us-east-1"), new AccountId("000000000000"));
    static final String ROLE = "arn:aws:iam::000000000000:role/r";
    static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    static final String PASS2 = "{\"StartAt\":\"Q\",\"States\":{\"Q\":{\"Type\":\"Pass\",\"End\":true}}}";

    @TempDir
    Path dir;
    Store store;
    Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00.123Z"), ZoneOffset.UTC);
    RecordingExecutions executions = new RecordingExecutions();
    StatesOperations api;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
        api = new StatesOperations(store, ARNS, clock, executions);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private JsonNode call(String operation, String json) {
        try {
            return api.handle(operation, (ObjectNode) Fields.JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String q(String s) {
        return Fields.JSON.getNodeFactory().textNode(s).toString();
    }

    private String machineWithTwoVersions(String name) {
        String arn = call("CreateStateMachine", "{\"name\":\"" + name + "\",\"definition\":" + q(PASS) + ",\"roleArn\":\""
                + ROLE + "\",\"publish\":true}").path("stateMachineArn").asText();
        call("UpdateStateMachine", "{\"stateMachineArn\":\"" + arn + "\",\"definition\":" + q(PASS2) + ",\"publish\":true}");
        return arn;
    }

    @Test
    void timestampsAreEpochSecondsWithMilliseconds() {
        JsonNode out = call("CreateStateMachine", "{\"name\":\"t\",\"definition\":" + q(PASS) + ",\"roleArn\":\"" + ROLE + "\"}");
        assertThat(out.path("creationDate").asDouble()).isEqualTo(clock.millis() / 1000.0);
    }

    @Test
    void startExecutionResolvesMachineVersionAndAliasIntoSnapshots() {
        String arn = machineWithTwoVersions("m");
        call("CreateStateMachineAlias", "{\"name\":\"live\",\"routingConfiguration\":[{\"stateMachineVersionArn\":\""
                + arn + ":1\",\"weight\":100}]}");
        call("StartExecution", "{\"stateMachineArn\":\"" + arn + "\"}");
        call("StartExecution", "{\"stateMachineArn\":\"" + arn + ":1\",\"name\":\"on-v1\",\"input\":\"[1]\"}");
        call("StartExecution", "{\"stateMachineArn\":\"" + arn + ":live\",\"traceHeader\":\"t\"}");
        StartRequest latest = executions.started.get(0);
        assertThat(latest.machine().arn()).isEqualTo(arn);
        assertThat(latest.machine().definitionText()).isEqualTo(PASS2);
        assertThat(latest.machine().versionArn()).isEmpty();
        assertThat(latest.machine().type()).isEqualTo(MachineType.STANDARD);
        assertThat(latest.name()).matches("[0-9a-f-]{36}");
        assertThat(latest.input()).isEqualTo("{}");
        StartRequest v1 = executions.started.get(1);
        assertThat(v1.machine().definitionText()).isEqualTo(PASS);
        assertThat(v1.machine().versionArn()).contains(arn + ":1");
        assertThat(v1.name()).isEqualTo("on-v1");
        assertThat(v1.input()).isEqualTo("[1]");
        StartRequest alias = executions.started.get(2);
        assertThat(alias.machine().versionArn()).contains(arn + ":1");
        assertThat(alias.machine().aliasArn()).contains(arn + ":live");
        assertThat(alias.traceHeader()).contains("t");
    }

    @Test
    void anAliasRoutesByItsWeights() {
        String arn = machineWithTwoVersions("w");
        JsonNode routing = call("CreateStateMachineAlias", "{\"name\":\"split\",\"routingConfiguration\":["
                + "{\"stateMachineVersionArn\":\"" + arn + ":1\",\"weight\":70},"
                + "{\"stateMachineVersionArn\":\"" + arn + ":2\",\"weight\":30}]}");
        assertThat(routing.path("stateMachineAliasArn").asText()).isEqualTo(arn + ":split");
        JsonNode config = call("DescribeStateMachineAlias", "{\"stateMachineAliasArn\":\"" + arn + ":split\"}")
                .path("routingConfiguration");
        for (int[] drawAndVersion : new int[][]{{0, 1}, {69, 1}, {70, 2}, {99, 2}}) {
            Resolver resolver = new Resolver(new MachineBook(store), ARNS, bound -> drawAndVersion[0]);
            assertThat(resolver.route(config)).isEqualTo(arn + ":" + drawAndVersion[1]);
        }
    }

    @Test
    void whatIsStoredIsThereForANewInstanceOnTheSameStore() {
        String arn = machineWithTwoVersions("kept");
        call("CreateActivity", "{\"name\":\"act\"}");
        StatesOperations again = new StatesOperations(store, ARNS, clock, executions);
        JsonNode versions = again.handle("ListStateMachineVersions",
                Fields.object().put("stateMachineArn", arn));
        assertThat(versions.path("stateMachineVersions").findValuesAsText("stateMachineVersionArn"))
                .containsExactly(arn + ":2", arn + ":1");
        assertThat(again.handle("DescribeActivity", Fields.object().put("activityArn", ARNS.activity("act")))
                .path("name").asText()).isEqualTo("act");
    }

    @Test
    void startSyncExecutionAnswersTheRecordWithBillingDetails() {
        String arn = call("CreateStateMachine", "{\"name\":\"x\",\"type\":\"EXPRESS\",\"definition\":" + q(PASS)
                + ",\"roleArn\":\"" + ROLE + "\"}").path("stateMachineArn").asText();
        JsonNode out = call("StartSyncExecution", "{\"stateMachineArn\":\"" + arn + "\",\"input\":\"{\\\"a\\\":1}\"}");
        assertThat(out.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.path("output").asText()).isEqualTo("{\"a\":1}");
        assertThat(out.path("billingDetails").path("billedDurationInMilliseconds").asLong()).isEqualTo(300);
        assertThat(out.path("billingDetails").path("billedMemoryUsedInMB").asLong()).isEqualTo(64);
    }

    @Test
    void inputsOver256KiBOrNotJsonAreRefused() {
        String arn = call("CreateStateMachine", "{\"name\":\"in\",\"definition\":" + q(PASS) + ",\"roleArn\":\""
                + ROLE + "\"}").path("stateMachineArn").asText();
        String big = "\"" + "a".repeat(ExecutionOps.MAX_INPUT_BYTES) + "\"";
        assertThatThrownBy(() -> api.handle("StartExecution", Fields.object().put("stateMachineArn", arn).put("input", big)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("InvalidExecutionInput"));
        assertThatThrownBy(() -> api.handle("StartExecution", Fields.object().put("stateMachineArn", arn).put("input", "")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("InvalidExecutionInput"));
        assertThat(executions.started).isEmpty();
    }

    @Test
    void anExpressMachineMayNotWaitForTokensOrActivities() {
        String definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,"
                + "\"Branches\":[{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":"
                + "\"arn:aws:states:::lambda:invoke.waitForTaskToken\",\"Parameters\":{\"FunctionName\":\"f\"},"
                + "\"End\":true}}}]}}}";
        String create = "{\"name\":\"ex\",\"definition\":" + q(definition) + ",\"roleArn\":\"" + ROLE + "\"";
        assertThatThrownBy(() -> call("CreateStateMachine", create + ",\"type\":\"EXPRESS\"}"))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("InvalidDefinition"))
                .hasMessage("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not"
                        + " support '.waitForTaskToken' service integration at /States/P/Branches[0]/States/T/Resource'");
        assertThat(call("CreateStateMachine", create + "}").path("stateMachineArn").asText()).isEqualTo(ARNS.stateMachine("ex"));
        JsonNode validated = call("ValidateStateMachineDefinition", "{\"definition\":" + q(definition)
                + ",\"type\":\"EXPRESS\"}");
        assertThat(validated.path("result").asText()).isEqualTo("FAIL");
        assertThat(validated.path("diagnostics").path(0).path("location").asText())
                .isEqualTo("/States/P/Branches[0]/States/T/Resource");
    }

    @Test
    void eachOperationNamesItsIamResource() {
        String machine = ARNS.stateMachine("m");
        assertThat(api.resource("CreateStateMachine", Fields.object().put("name", "m"))).isEqualTo(machine);
        assertThat(api.resource("StartExecution", Fields.object().put("stateMachineArn", machine + ":live")))
                .isEqualTo(machine + ":live");
        assertThat(api.resource("DescribeExecution", Fields.object().put("executionArn", "e"))).isEqualTo("e");
        assertThat(api.resource("CreateActivity", Fields.object().put("name", "a"))).isEqualTo(ARNS.activity("a"));
        assertThat(api.resource("ListStateMachines", Fields.object())).isEqualTo("*");
        assertThat(api.resource("SendTaskSuccess", Fields.object().put("taskToken", "t"))).isEqualTo("*");
        assertThat(api.operations()).contains("StartExecution", "CreateStateMachineAlias", "GetActivityTask")
                .doesNotContain("TestState", "DescribeMapRun");
        assertThat(MapRunOps.machineOf("arn:aws:states:us-east-1:000000000000:mapRun:m/Label:abc-1"))
                .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:m/Label");
    }

    @Test
    void arnsAreTakenApartWithAwsMessages() {
        assertThatThrownBy(() -> StatesArn.parse("abc")).hasMessage("Invalid Arn: 'Invalid ARN prefix: abc'");
        assertThatThrownBy(() -> StatesArn.parse(ARNS.activity("a"), java.util.Set.of("stateMachine")))
                .hasMessage("Invalid Arn: 'Resource type not valid in this context: activity'");
        StatesArn version = StatesArn.parse(ARNS.stateMachineVersion("m", 12));
        assertThat(version.machineName()).isEqualTo("m");
        assertThat(version.versioned()).isTrue();
        assertThat(StatesArn.parse(ARNS.stateMachineAlias("m", "prod")).versioned()).isFalse();
        assertThat(StatesArn.parse(ARNS.stateMachine("m")).qualifier()).isEqualTo(Optional.empty());
    }
}
