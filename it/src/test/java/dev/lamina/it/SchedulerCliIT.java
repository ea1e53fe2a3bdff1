package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws scheduler …} with {@code --endpoint-url}, as a user types it: each command's exit code and JSON. */
class SchedulerCliIT extends ServerPerClass {
    static final String TARGET = "{\"Arn\":\"arn:aws:lambda:us-east-1:000000000000:function:cli-fn\","
            + "\"RoleArn\":\"arn:aws:iam::000000000000:role/cli-role\",\"Input\":\"{\\\"from\\\":\\\"cli\\\"}\"}";
    @TempDir
    static Path home;
    static AwsCli aws;

    @BeforeAll
    static void cli() {
        aws = new AwsCli(server.endpoint(), home);
    }

    private static AwsCli.Result scheduler(String... args) {
        return aws.service("scheduler", args);
    }

    @Test
    void aScheduleLivesThroughTheCli() {
        JsonNode group = scheduler("create-schedule-group", "--name", "cli-group",
                "--tags", "Key=team,Value=ops").succeeded().json();
        String groupArn = group.path("ScheduleGroupArn").asText();
        assertThat(groupArn).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule-group/cli-group");
        assertThat(scheduler("get-schedule-group", "--name", "cli-group").succeeded().json().path("State").asText())
                .isEqualTo("ACTIVE");
        assertThat(scheduler("list-tags-for-resource", "--resource-arn", groupArn).succeeded().json()
                .path("Tags").get(0).path("Value").asText()).isEqualTo("ops");

        JsonNode created = scheduler("create-schedule", "--name", "cli-nightly", "--group-name", "cli-group",
                "--schedule-expression", "cron(0 3 * * ? *)", "--schedule-expression-timezone", "America/New_York",
                "--flexible-time-window", "Mode=OFF", "--target", TARGET, "--start-date", "2030-01-01T00:00:00Z")
                .succeeded().json();
        assertThat(created.path("ScheduleArn").asText())
                .isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/cli-group/cli-nightly");

        JsonNode got = scheduler("get-schedule", "--name", "cli-nightly", "--group-name", "cli-group")
                .succeeded().json();
        assertThat(got.path("ScheduleExpression").asText()).isEqualTo("cron(0 3 * * ? *)");
        assertThat(got.path("ScheduleExpressionTimezone").asText()).isEqualTo("America/New_York");
        assertThat(got.path("State").asText()).isEqualTo("ENABLED");
        assertThat(got.path("Target").path("Input").asText()).isEqualTo("{\"from\":\"cli\"}");
        assertThat(got.path("Target").path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(185);
        assertThat(got.path("StartDate").asText()).startsWith("2030-01-01T00:00:00");
        assertThat(got.path("CreationDate").asText()).isNotEmpty();

        scheduler("update-schedule", "--name", "cli-nightly", "--group-name", "cli-group",
                "--schedule-expression", "rate(2 hours)", "--flexible-time-window",
                "Mode=FLEXIBLE,MaximumWindowInMinutes=30", "--target", TARGET, "--state", "DISABLED").succeeded();
        JsonNode updated = scheduler("get-schedule", "--name", "cli-nightly", "--group-name", "cli-group")
                .succeeded().json();
        assertThat(updated.path("ScheduleExpression").asText()).isEqualTo("rate(2 hours)");
        assertThat(updated.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(updated.path("FlexibleTimeWindow").path("MaximumWindowInMinutes").asInt()).isEqualTo(30);
        assertThat(updated.has("StartDate")).isFalse();

        JsonNode listed = scheduler("list-schedules", "--group-name", "cli-group", "--state", "DISABLED")
                .succeeded().json();
        assertThat(listed.path("Schedules")).hasSize(1);
        assertThat(listed.path("Schedules").get(0).path("Target").path("Arn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:cli-fn");

        scheduler("delete-schedule", "--name", "cli-nightly", "--group-name", "cli-group").succeeded();
        assertThat(scheduler("list-schedules", "--group-name", "cli-group").succeeded().json().path("Schedules"))
                .isEmpty();
        scheduler("delete-schedule-group", "--name", "cli-group").succeeded();
        AwsCli.Result gone = scheduler("get-schedule-group", "--name", "cli-group");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("ResourceNotFoundException").contains("Schedule group cli-group does not exist.");
    }

    @Test
    void theCliPagesThroughEveryScheduleByItself() {
        for (int i = 0; i < 5; i++) {
            scheduler("create-schedule", "--name", "cli-page-" + i, "--schedule-expression", "rate(1 day)",
                    "--flexible-time-window", "Mode=OFF", "--target", TARGET).succeeded();
        }
        JsonNode all = scheduler("list-schedules", "--name-prefix", "cli-page-", "--page-size", "2").succeeded().json();
        List<String> names = new ArrayList<>();
        all.path("Schedules").forEach(s -> names.add(s.path("Name").asText()));
        assertThat(names).containsExactly("cli-page-0", "cli-page-1", "cli-page-2", "cli-page-3", "cli-page-4");
    }

    @Test
    void errorsAreReportedAsAwsReportsThem() {
        AwsCli.Result conflict;
        scheduler("create-schedule", "--name", "cli-dup", "--schedule-expression", "rate(1 day)",
                "--flexible-time-window", "Mode=OFF", "--target", TARGET).succeeded();
        conflict = scheduler("create-schedule", "--name", "cli-dup", "--schedule-expression", "rate(1 day)",
                "--flexible-time-window", "Mode=OFF", "--target", TARGET);
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.stderr()).contains("(ConflictException)").contains("Schedule cli-dup already exists.");

        AwsCli.Result invalid = scheduler("create-schedule", "--name", "cli-bad", "--schedule-expression",
                "rate(10 seconds)", "--flexible-time-window", "Mode=OFF", "--target", TARGET);
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("(ValidationException)")
                .contains("Invalid Schedule Expression rate(10 seconds).");
    }
}
