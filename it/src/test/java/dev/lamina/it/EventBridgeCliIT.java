package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.lamina.it.EventBridgeTesting.BUS_ARN_PREFIX;
import static dev.lamina.it.EventBridgeTesting.RULE_ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws events …} with {@code --endpoint-url}, as a user types it: each command's exit code and JSON. */
class EventBridgeCliIT extends ServerPerClass {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:cli-queue";
    @TempDir
    static Path home;
    static AwsCli aws;

    @BeforeAll
    static void cli() {
        aws = new AwsCli(server.endpoint(), home);
    }

    private static AwsCli.Result events(String... args) {
        return aws.service("events", args);
    }

    @Test
    void aRuleWithATargetOnACustomBusThroughTheCli() {
        JsonNode bus = events("create-event-bus", "--name", "cli-bus").succeeded().json();
        assertThat(bus.path("EventBusArn").asText()).isEqualTo(BUS_ARN_PREFIX + "cli-bus");

        JsonNode rule = events("put-rule", "--name", "cli-rule", "--event-bus-name", "cli-bus",
                "--event-pattern", "{\"source\":[\"cli\"]}", "--description", "from the cli").succeeded().json();
        assertThat(rule.path("RuleArn").asText()).isEqualTo(RULE_ARN_PREFIX + "cli-bus/cli-rule");

        JsonNode put = events("put-targets", "--rule", "cli-rule", "--event-bus-name", "cli-bus",
                "--targets", "Id=q,Arn=" + QUEUE).succeeded().json();
        assertThat(put.path("FailedEntryCount").asInt()).isZero();

        JsonNode listed = events("list-rules", "--event-bus-name", "cli-bus").succeeded().json();
        assertThat(listed.path("Rules")).hasSize(1);
        assertThat(listed.path("Rules").path(0).path("Name").asText()).isEqualTo("cli-rule");
        assertThat(listed.path("Rules").path(0).path("State").asText()).isEqualTo("ENABLED");

        JsonNode described = events("describe-rule", "--name", "cli-rule", "--event-bus-name", "cli-bus")
                .succeeded().json();
        assertThat(described.path("EventPattern").asText()).isEqualTo("{\"source\":[\"cli\"]}");
        assertThat(described.path("Description").asText()).isEqualTo("from the cli");
        assertThat(described.path("EventBusName").asText()).isEqualTo("cli-bus");

        JsonNode targets = events("list-targets-by-rule", "--rule", "cli-rule", "--event-bus-name", "cli-bus")
                .succeeded().json();
        assertThat(targets.path("Targets")).hasSize(1);
        assertThat(targets.path("Targets").path(0).path("Arn").asText()).isEqualTo(QUEUE);

        AwsCli.Result refused = events("delete-rule", "--name", "cli-rule", "--event-bus-name", "cli-bus");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("ValidationException").contains("Rule can't be deleted since it has targets.");

        JsonNode removed = events("remove-targets", "--rule", "cli-rule", "--event-bus-name", "cli-bus", "--ids", "q")
                .succeeded().json();
        assertThat(removed.path("FailedEntryCount").asInt()).isZero();
        events("delete-rule", "--name", "cli-rule", "--event-bus-name", "cli-bus").succeeded();
        assertThat(events("list-rules", "--event-bus-name", "cli-bus").succeeded().json().path("Rules")).isEmpty();
        events("delete-event-bus", "--name", "cli-bus").succeeded();
    }

    @Test
    void aScheduledRuleThroughTheCli() {
        events("put-rule", "--name", "cli-tick", "--schedule-expression", "cron(0 12 * * ? *)").succeeded();
        assertThat(events("describe-rule", "--name", "cli-tick").succeeded().json().path("ScheduleExpression").asText())
                .isEqualTo("cron(0 12 * * ? *)");
        events("delete-rule", "--name", "cli-tick").succeeded();
    }

    @Test
    void testEventPatternThroughTheCli() {
        String event = "{\"id\":\"1\",\"source\":\"cli\",\"detail-type\":\"t\",\"account\":\"000000000000\","
                + "\"time\":\"2026-12-07T10:00:00Z\",\"region\":\"us-east-1\",\"detail\":{\"n\":7}}";
        assertThat(events("test-event-pattern", "--event-pattern", "{\"detail\":{\"n\":[{\"numeric\":[\">\",5]}]}}",
                "--event", event).succeeded().json().path("Result").asBoolean()).isTrue();
        assertThat(events("test-event-pattern", "--event-pattern", "{\"source\":[\"other\"]}", "--event", event)
                .succeeded().json().path("Result").asBoolean()).isFalse();
        AwsCli.Result invalid = events("test-event-pattern", "--event-pattern", "{\"source\":\"cli\"}", "--event", event);
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("InvalidEventPatternException")
                .contains("Event pattern is not valid. Reason: \"source\" must be an object or an array");
    }
}
