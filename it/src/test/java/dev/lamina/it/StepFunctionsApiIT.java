package dev.lamina.it;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

import java.util.ArrayList;
import java.util.List;

import static dev.lamina.it.StepFunctionsTesting.MACHINE_ARN_PREFIX;
import static dev.lamina.it.StepFunctionsTesting.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Step Functions' control plane through the SDK v2: state machines, versions, aliases, activities,
 * tags, definition validation, and StartExecution's checks, with AWS's error codes and messages and
 * pagination.
 */
class StepFunctionsApiIT extends ServerPerClass {
    static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    static final String PASS2 = "{\"StartAt\":\"Q\",\"States\":{\"Q\":{\"Type\":\"Pass\",\"Result\":2,\"End\":true}}}";
    static final String ACTIVITY_PREFIX = "arn:aws:states:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":activity:";
    static SfnClient sfn;

    @BeforeAll
    static void client() {
        sfn = StepFunctionsTesting.sfn(server.endpoint());
    }

    @AfterAll
    static void closeClient() {
        sfn.close();
    }

    static void fails(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SfnException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    private static String create(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    @Test
    void aMachineIsCreatedDescribedUpdatedAndDeleted() {
        CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name("crud").definition(PASS).roleArn(ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.OFF)).tracingConfiguration(t -> t.enabled(true))
                .tags(Tag.builder().key("team").value("core").build()));
        String arn = created.stateMachineArn();
        assertThat(arn).isEqualTo(MACHINE_ARN_PREFIX + "crud");
        assertThat(created.creationDate()).isNotNull();
        assertThat(created.stateMachineVersionArn()).isNull();

        DescribeStateMachineResponse d = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(d.name()).isEqualTo("crud");
        assertThat(d.definition()).isEqualTo(PASS);
        assertThat(d.roleArn()).isEqualTo(ROLE);
        assertThat(d.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(d.statusAsString()).isEqualTo("ACTIVE");
        assertThat(d.loggingConfiguration().level()).isEqualTo(LogLevel.OFF);
        assertThat(d.loggingConfiguration().includeExecutionData()).isFalse();
        assertThat(d.tracingConfiguration().enabled()).isTrue();
        assertThat(d.revisionId()).isNotEmpty();
        assertThat(d.creationDate()).isEqualTo(created.creationDate());

        // The same create again is idempotent; another definition under the name is refused.
        assertThat(sfn.createStateMachine(b -> b.name("crud").definition(PASS).roleArn(ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.OFF)).tracingConfiguration(t -> t.enabled(true)))
                .stateMachineArn()).isEqualTo(arn);
        fails(() -> create("crud", PASS2), "StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");

        var updated = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS2));
        assertThat(updated.updateDate()).isNotNull();
        assertThat(updated.revisionId()).isNotEqualTo(d.revisionId());
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition()).isEqualTo(PASS2);
        fails(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn)), "MissingRequiredParameter", null);

        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        fails(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)), "StateMachineDoesNotExist",
                "State Machine Does Not Exist: '" + arn + "'");
        sfn.deleteStateMachine(b -> b.stateMachineArn(arn)); // deleting again is no error
    }

    @Test
    void badNamesDefinitionsAndArnsGetAwsErrors() {
        fails(() -> create("has space", PASS), "InvalidName", "Invalid Name: 'has space'");
        fails(() -> create("a:b", PASS), "InvalidName", "Invalid Name: 'a:b'");
        fails(() -> create("bad-json", "{not json"), "InvalidDefinition", null);
        assertThatThrownBy(() -> create("bad-json", "{not json")).hasMessageContaining("Invalid State Machine Definition");
        fails(() -> sfn.createStateMachine(b -> b.name("bad-role").definition(PASS).roleArn("not-an-arn")),
                "InvalidArn", "Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
        fails(() -> sfn.describeStateMachine(b -> b.stateMachineArn("abc")), "InvalidArn",
                "Invalid Arn: 'Invalid ARN prefix: abc'");
        fails(() -> sfn.describeStateMachine(b -> b.stateMachineArn(ACTIVITY_PREFIX + "x")), "InvalidArn",
                "Invalid Arn: 'Resource type not valid in this context: activity'");
        fails(() -> sfn.describeExecution(b -> b.executionArn(MACHINE_ARN_PREFIX + "x")), "InvalidArn",
                "Invalid Arn: 'Resource type not valid in this context: stateMachine'");
        fails(() -> sfn.createStateMachine(b -> b.name("v").definition(PASS).roleArn(ROLE).versionDescription("d")),
                "ValidationException", "Version description can only be set when publish is true");
        fails(() -> sfn.createStateMachine(b -> b.name("log").definition(PASS).roleArn(ROLE)
                        .loggingConfiguration(l -> l.level(LogLevel.ALL))), "InvalidLoggingConfiguration",
                "Invalid Logging Configuration: Must specify exactly one Log Destination.");
    }

    @Test
    void validateReportsOkAndFailures() {
        ValidateStateMachineDefinitionResponse ok = sfn.validateStateMachineDefinition(b -> b.definition(PASS));
        assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(ok.diagnostics()).isEmpty();
        assertThat(ok.truncated()).isFalse();
        ValidateStateMachineDefinitionResponse bad = sfn.validateStateMachineDefinition(b -> b.definition("{nope"));
        assertThat(bad.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(bad.diagnostics()).isNotEmpty();
        assertThat(bad.diagnostics().getFirst().severityAsString()).isEqualTo("ERROR");
        assertThat(bad.diagnostics().getFirst().code()).isNotEmpty();
        // Two findings (two states whose Next names nothing), one shown: truncated.
        String twoErrors = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"X\"},"
                + "\"B\":{\"Type\":\"Pass\",\"Next\":\"Y\"}}}";
        ValidateStateMachineDefinitionResponse all = sfn.validateStateMachineDefinition(b -> b.definition(twoErrors));
        assertThat(all.diagnostics().size()).isGreaterThanOrEqualTo(2);
        assertThat(all.truncated()).isFalse();
        ValidateStateMachineDefinitionResponse one = sfn.validateStateMachineDefinition(b -> b.definition(twoErrors)
                .maxResults(1));
        assertThat(one.diagnostics()).hasSize(1);
        assertThat(one.truncated()).isTrue();
        fails(() -> create("two-errors", twoErrors), "InvalidDefinition", null);
    }

    @Test
    void listingsArePaginated() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add("page-" + i);
            create("page-" + i, PASS);
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListStateMachinesResponse page = sfn.listStateMachines(b -> b.maxResults(2).nextToken(t));
            page.stateMachines().forEach(m -> seen.add(m.name()));
            assertThat(page.stateMachines()).hasSizeLessThanOrEqualTo(2);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsAll(names).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        fails(() -> sfn.listStateMachines(b -> b.nextToken("bogus")), "InvalidToken", "Invalid Token: 'Invalid token'");
    }

    @Test
    void versionsArePublishedListedAndDeleted() {
        var created = sfn.createStateMachine(b -> b.name("ver").definition(PASS).roleArn(ROLE).publish(true)
                .versionDescription("first"));
        String arn = created.stateMachineArn();
        assertThat(created.stateMachineVersionArn()).isEqualTo(arn + ":1");
        // Publishing the same revision again answers the same version.
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn())
                .isEqualTo(arn + ":1");
        String revision = sfn.describeStateMachine(b -> b.stateMachineArn(arn)).revisionId();
        fails(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId("other")),
                "ConflictException", "Failed to publish the State Machine version for revision other. "
                        + "The current State Machine revision is " + revision + ".");
        var updated = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS2).publish(true));
        assertThat(updated.stateMachineVersionArn()).isEqualTo(arn + ":2");

        DescribeStateMachineResponse v1 = sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1"));
        assertThat(v1.stateMachineArn()).isEqualTo(arn + ":1");
        assertThat(v1.definition()).isEqualTo(PASS);
        assertThat(v1.description()).isEqualTo("first");
        assertThat(v1.revisionId()).isEqualTo(revision);
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions())
                .extracting(v -> v.stateMachineVersionArn()).containsExactly(arn + ":2", arn + ":1");

        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":2"));
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions())
                .extracting(v -> v.stateMachineVersionArn()).containsExactly(arn + ":1");
        fails(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":2")), "StateMachineDoesNotExist", null);
    }

    @Test
    void aliasesRouteToVersionsAndProtectThem() {
        String arn = sfn.createStateMachine(b -> b.name("ali").definition(PASS).roleArn(ROLE).publish(true))
                .stateMachineArn();
        String v2 = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS2).publish(true))
                .stateMachineVersionArn();
        var route = RoutingConfigurationListItem.builder().stateMachineVersionArn(arn + ":1").weight(100).build();
        var alias = sfn.createStateMachineAlias(b -> b.name("live").description("prod").routingConfiguration(route));
        assertThat(alias.stateMachineAliasArn()).isEqualTo(arn + ":live");
        // Idempotent with the same routing; a different routing conflicts.
        assertThat(sfn.createStateMachineAlias(b -> b.name("live").description("prod").routingConfiguration(route))
                .stateMachineAliasArn()).isEqualTo(arn + ":live");
        fails(() -> sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(
                RoutingConfigurationListItem.builder().stateMachineVersionArn(v2).weight(100).build())),
                "ConflictException", "Failed to create alias because an alias with the same name and a different "
                        + "routing configuration already exists.");
        fails(() -> sfn.createStateMachineAlias(b -> b.name("half").routingConfiguration(
                RoutingConfigurationListItem.builder().stateMachineVersionArn(v2).weight(50).build())),
                "ValidationException", "Sum of routing configuration weights must equal 100. Received: [50]");

        var described = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live"));
        assertThat(described.name()).isEqualTo("live");
        assertThat(described.description()).isEqualTo("prod");
        assertThat(described.routingConfiguration()).containsExactly(route);

        sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live").routingConfiguration(
                RoutingConfigurationListItem.builder().stateMachineVersionArn(arn + ":1").weight(70).build(),
                RoutingConfigurationListItem.builder().stateMachineVersionArn(v2).weight(30).build()));
        assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live")).routingConfiguration())
                .hasSize(2);
        assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(arn)).stateMachineAliases())
                .extracting(a -> a.stateMachineAliasArn()).containsExactly(arn + ":live");

        fails(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(v2)), "ConflictException",
                "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this "
                        + "version: [live]");
        sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live"));
        fails(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live")), "ResourceNotFound",
                "Request references a resource that does not exist.");
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(v2));
    }

    @Test
    void machinesAndActivitiesAreTagged() {
        String arn = create("tagged", PASS);
        sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        sfn.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("b").value("2").build());
        String activity = sfn.createActivity(b -> b.name("tagged-activity")
                .tags(Tag.builder().key("k").value("v").build())).activityArn();
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(activity)).tags())
                .containsExactly(Tag.builder().key("k").value("v").build());
        fails(() -> sfn.listTagsForResource(b -> b.resourceArn(MACHINE_ARN_PREFIX + "nobody")), "ResourceNotFound",
                "Resource not found: '" + MACHINE_ARN_PREFIX + "nobody'");
    }

    @Test
    void activitiesAreCreatedDescribedListedAndDeleted() {
        var created = sfn.createActivity(b -> b.name("worker"));
        assertThat(created.activityArn()).isEqualTo(ACTIVITY_PREFIX + "worker");
        assertThat(sfn.createActivity(b -> b.name("worker")).activityArn()).isEqualTo(created.activityArn());
        var described = sfn.describeActivity(b -> b.activityArn(created.activityArn()));
        assertThat(described.name()).isEqualTo("worker");
        assertThat(described.creationDate()).isEqualTo(created.creationDate());
        assertThat(sfn.listActivities(b -> { }).activities()).extracting(a -> a.name()).contains("worker");
        sfn.deleteActivity(b -> b.activityArn(created.activityArn()));
        fails(() -> sfn.describeActivity(b -> b.activityArn(created.activityArn())), "ActivityDoesNotExist",
                "Activity Does Not Exist: '" + created.activityArn() + "'");
        fails(() -> sfn.getActivityTask(b -> b.activityArn(created.activityArn())), "ActivityDoesNotExist", null);
        fails(() -> sfn.createActivity(b -> b.name("no/slash")), "InvalidName", "Invalid Name: 'no/slash'");
    }

    private static java.net.http.HttpResponse<String> raw(String target, String body) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RawHttp http = new RawHttp(server.endpoint());
        return http.send(http.request("POST", "/", java.util.Map.of("X-Amz-Target", target,
                        "Content-Type", "application/x-amz-json-1.0"), bytes,
                RawHttp.Signing.root().withScope(TestServer.REGION, "states"),
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    @Test
    void onTheWireTimestampsAreEpochSecondsAndUnknownOperationsAreTheProtocolsError() throws Exception {
        var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("name", "wire")
                .put("definition", PASS).put("roleArn", ROLE);
        var created = raw("AWSStepFunctions.CreateStateMachine", body.toString());
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(created).path("creationDate").isNumber()).isTrue();
        var unknown = raw("AWSStepFunctions.LaunchRockets", "{}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(unknown).path("__type").asText()).endsWith("UnknownOperationException");
        var missing = raw("AWSStepFunctions.DescribeStateMachine", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(missing).path("__type").asText()).endsWith("ValidationException");
    }

    @Test
    void startExecutionChecksItsInputFirst() {
        String arn = create("starts", PASS);
        fails(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input("{nope")), "InvalidExecutionInput", null);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input("{nope")))
                .hasMessageContaining("Invalid State Machine Execution Input");
        fails(() -> sfn.startExecution(b -> b.stateMachineArn(arn).name("bad name")), "InvalidName",
                "Invalid Name: 'bad name'");
        fails(() -> sfn.startExecution(b -> b.stateMachineArn(MACHINE_ARN_PREFIX + "absent")),
                "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + MACHINE_ARN_PREFIX + "absent'");
        fails(() -> sfn.startSyncExecution(b -> b.stateMachineArn(arn)), "StateMachineTypeNotSupported",
                "This operation is not supported by this type of state machine");
        fails(() -> sfn.listExecutions(b -> b.stateMachineArn(MACHINE_ARN_PREFIX + "absent")),
                "StateMachineDoesNotExist", null);
        String express = sfn.createStateMachine(b -> b.name("express-list").definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
        fails(() -> sfn.listExecutions(b -> b.stateMachineArn(express)), "StateMachineTypeNotSupported", null);
    }
}
