package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.lamina.it.StepFunctionsTesting.MACHINE_ARN_PREFIX;
import static dev.lamina.it.StepFunctionsTesting.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws stepfunctions …} with {@code --endpoint-url}, as a user types it: each command's exit code and JSON. */
class StepFunctionsCliIT extends ServerPerClass {
    static final String DEFINITION = "{\"StartAt\":\"Hello\",\"States\":{\"Hello\":{\"Type\":\"Pass\","
            + "\"Parameters\":{\"greeting.$\":\"States.Format('Hello, {}!', $.name)\"},\"End\":true}}}";
    @TempDir
    static Path home;
    static AwsCli aws;

    @BeforeAll
    static void cli() {
        aws = new AwsCli(server.endpoint(), home);
    }

    private static AwsCli.Result sfn(String... args) {
        return aws.service("stepfunctions", args);
    }

    @Test
    void machinesTagsAndActivitiesThroughTheCli() {
        JsonNode created = sfn("create-state-machine", "--name", "cli-machine", "--definition", DEFINITION,
                "--role-arn", ROLE, "--tags", "key=team,value=cli").succeeded().json();
        assertThat(created.path("stateMachineArn").asText()).isEqualTo(MACHINE_ARN_PREFIX + "cli-machine");
        // Timestamps arrive as epoch seconds, which the CLI shows as ISO dates.
        assertThat(created.path("creationDate").asText()).contains("T");

        JsonNode described = sfn("describe-state-machine", "--state-machine-arn", MACHINE_ARN_PREFIX + "cli-machine")
                .succeeded().json();
        assertThat(described.path("definition").asText()).isEqualTo(DEFINITION);
        assertThat(described.path("type").asText()).isEqualTo("STANDARD");
        assertThat(described.path("status").asText()).isEqualTo("ACTIVE");

        JsonNode listed = sfn("list-state-machines").succeeded().json();
        assertThat(listed.path("stateMachines").findValuesAsText("name")).contains("cli-machine");

        JsonNode tags = sfn("list-tags-for-resource", "--resource-arn", MACHINE_ARN_PREFIX + "cli-machine")
                .succeeded().json();
        assertThat(tags.path("tags").path(0).path("key").asText()).isEqualTo("team");

        // Debian's CLI (2.9) predates versions, aliases and validate-state-machine-definition; the SDK test covers them.
        JsonNode updated = sfn("update-state-machine", "--state-machine-arn", MACHINE_ARN_PREFIX + "cli-machine",
                "--definition", DEFINITION.replace("Hello, ", "Hi, ")).succeeded().json();
        assertThat(updated.path("updateDate").asText()).contains("T");
        assertThat(sfn("describe-state-machine", "--state-machine-arn", MACHINE_ARN_PREFIX + "cli-machine").succeeded()
                .json().path("definition").asText()).contains("Hi, ");

        JsonNode activity = sfn("create-activity", "--name", "cli-activity").succeeded().json();
        assertThat(activity.path("activityArn").asText()).endsWith(":activity:cli-activity");
        assertThat(sfn("list-activities").succeeded().json().path("activities").findValuesAsText("name"))
                .contains("cli-activity");

        AwsCli.Result missing = sfn("describe-state-machine", "--state-machine-arn", MACHINE_ARN_PREFIX + "nobody");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("StateMachineDoesNotExist");
    }

    @Test
    void anExecutionIsStartedDescribedListedAndItsHistoryRead() throws Exception {
        sfn("create-state-machine", "--name", "cli-run", "--definition", DEFINITION, "--role-arn", ROLE).succeeded();
        String machine = MACHINE_ARN_PREFIX + "cli-run";
        JsonNode started = sfn("start-execution", "--state-machine-arn", machine, "--name", "first",
                "--input", "{\"name\":\"CLI\"}").succeeded().json();
        String execution = started.path("executionArn").asText();
        assertThat(execution).isEqualTo(machine.replace(":stateMachine:", ":execution:") + ":first");

        JsonNode described = awaitFinished(execution);
        assertThat(described.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.path("output").asText()).isEqualTo("{\"greeting\":\"Hello, CLI!\"}");
        assertThat(described.path("stateMachineArn").asText()).isEqualTo(machine);

        JsonNode history = sfn("get-execution-history", "--execution-arn", execution).succeeded().json();
        assertThat(history.path("events").findValuesAsText("type")).containsExactly("ExecutionStarted",
                "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        assertThat(history.path("events").path(0).path("id").asLong()).isEqualTo(1);

        JsonNode executions = sfn("list-executions", "--state-machine-arn", machine, "--status-filter", "SUCCEEDED")
                .succeeded().json();
        assertThat(executions.path("executions").findValuesAsText("name")).containsExactly("first");

        JsonNode forExecution = sfn("describe-state-machine-for-execution", "--execution-arn", execution)
                .succeeded().json();
        assertThat(forExecution.path("definition").asText()).isEqualTo(DEFINITION);
    }

    /** Polls describe-execution until the execution is no longer RUNNING. */
    private static JsonNode awaitFinished(String execution) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode d = sfn("describe-execution", "--execution-arn", execution).succeeded().json();
            if (!d.path("status").asText().equals("RUNNING") || Instant.now().isAfter(deadline)) {
                return d;
            }
            Thread.sleep(100);
        }
    }
}
