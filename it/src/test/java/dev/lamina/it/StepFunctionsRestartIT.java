package dev.lamina.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.lamina.it.StepFunctionsApiIT.PASS;
import static dev.lamina.it.StepFunctionsApiIT.PASS2;
import static dev.lamina.it.StepFunctionsTesting.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/** State machines, their versions and aliases, activities and tags are still there after the server restarts. */
class StepFunctionsRestartIT {
    @Test
    void machinesVersionsAliasesActivitiesAndTagsSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-data-");
        String arn;
        String revision;
        String activity;
        try (TestServer server = TestServer.start(dir); SfnClient sfn = StepFunctionsTesting.sfn(server.endpoint())) {
            arn = sfn.createStateMachine(b -> b.name("durable").definition(PASS).roleArn(ROLE).publish(true)
                    .versionDescription("v1").type(StateMachineType.STANDARD)
                    .tags(Tag.builder().key("k").value("v").build())).stateMachineArn();
            sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS2).publish(true));
            sfn.createStateMachineAlias(b -> b.name("live").description("prod").routingConfiguration(
                    RoutingConfigurationListItem.builder().stateMachineVersionArn(arn + ":1").weight(60).build(),
                    RoutingConfigurationListItem.builder().stateMachineVersionArn(arn + ":2").weight(40).build()));
            revision = sfn.describeStateMachine(b -> b.stateMachineArn(arn)).revisionId();
            activity = sfn.createActivity(b -> b.name("durable-worker")).activityArn();
        }
        try (TestServer server = TestServer.start(dir); SfnClient sfn = StepFunctionsTesting.sfn(server.endpoint())) {
            var machine = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
            assertThat(machine.definition()).isEqualTo(PASS2);
            assertThat(machine.revisionId()).isEqualTo(revision);
            var v1 = sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1"));
            assertThat(v1.definition()).isEqualTo(PASS);
            assertThat(v1.description()).isEqualTo("v1");
            assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions())
                    .extracting(v -> v.stateMachineVersionArn()).containsExactly(arn + ":2", arn + ":1");
            var alias = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live"));
            assertThat(alias.description()).isEqualTo("prod");
            assertThat(alias.routingConfiguration()).extracting(r -> r.weight()).containsExactly(60, 40);
            assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags())
                    .containsExactly(Tag.builder().key("k").value("v").build());
            assertThat(sfn.describeActivity(b -> b.activityArn(activity)).name()).isEqualTo("durable-worker");
            // Version numbers go on from where they were.
            assertThat(sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS).publish(true))
                    .stateMachineVersionArn()).isEqualTo(arn + ":3");
        }
    }
}
