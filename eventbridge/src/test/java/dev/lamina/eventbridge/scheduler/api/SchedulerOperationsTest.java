package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.scheduler.Schedules;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.ServiceException;
import dev.lamina.store.Store;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operations on their input trees (as the codec decodes them: timestamps ISO-8601), over a real store. */
class SchedulerOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arns ARNS = new Arns(new Region("us-east-1"), new AccountId("000000000000"));

    @TempDir
    Path dir;
    Store store;
    SchedulerOperations api;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
        api = new SchedulerOperations(ARNS, new Schedules(store, ARNS,
                Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ObjectNode create(String name) {
        ObjectNode in = JSON.createObjectNode().put("Name", name).put("ScheduleExpression", "rate(1 hour)");
        in.putObject("FlexibleTimeWindow").put("Mode", "OFF");
        in.putObject("Target").put("Arn", "arn:aws:sqs:us-east-1:000000000000:q")
                .put("RoleArn", "arn:aws:iam::000000000000:role/r");
        return in;
    }

    private static ServiceException fails(Runnable call) {
        try {
            call.run();
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    @Test
    void createFillsAwsDefaultsAndGetAnswersThem() {
        JsonNode out = api.handle("CreateSchedule", create("s").put("ClientToken", "t-1"));
        assertThat(out.path("ScheduleArn").asText()).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/s");
        JsonNode got = api.handle("GetSchedule", JSON.createObjectNode().put("Name", "s"));
        assertThat(got.path("GroupName").asText()).isEqualTo("default");
        assertThat(got.path("State").asText()).isEqualTo("ENABLED");
        assertThat(got.path("ActionAfterCompletion").asText()).isEqualTo("NONE");
        assertThat(got.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(got.path("Target").path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(185);
        assertThat(got.path("Target").path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).isEqualTo(86400);
        assertThat(got.path("CreationDate").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(got.has("ClientToken")).isFalse();
    }

    @Test
    void awsChecksBeyondTheModelAreValidationExceptions() {
        ObjectNode zone = create("z").put("ScheduleExpressionTimezone", "Nowhere/Land");
        assertThat(fails(() -> api.handle("CreateSchedule", zone)).code()).isEqualTo("ValidationException");
        ObjectNode window = create("w");
        window.putObject("FlexibleTimeWindow").put("Mode", "FLEXIBLE");
        assertThat(fails(() -> api.handle("CreateSchedule", window)).code()).isEqualTo("ValidationException");
        ObjectNode dates = create("d").put("StartDate", "2027-01-02T00:00:00Z").put("EndDate", "2027-01-01T00:00:00Z");
        assertThat(fails(() -> api.handle("CreateSchedule", dates)).code()).isEqualTo("ValidationException");
        ObjectNode expression = create("e").put("ScheduleExpression", "rate(10 seconds)");
        ServiceException e = fails(() -> api.handle("CreateSchedule", expression));
        assertThat(e.code()).isEqualTo("ValidationException");
        assertThat(e.getMessage()).isEqualTo("Invalid Schedule Expression rate(10 seconds).");
        assertThat(api.handle("ListSchedules", JSON.createObjectNode()).path("Schedules")).isEmpty();
    }

    @Test
    void aRecurringSchedulesStartDateMayBeAtMostFiveMinutesAgo() {
        ObjectNode old = create("old").put("StartDate", "2026-12-07T09:54:59Z");
        ServiceException e = fails(() -> api.handle("CreateSchedule", old));
        assertThat(e.code()).isEqualTo("ValidationException");
        assertThat(e.getMessage()).isEqualTo("The StartDate you specify cannot be earlier than 5 minutes ago.");
        api.handle("CreateSchedule", create("recent").put("StartDate", "2026-12-07T09:55:00Z"));
    }

    @Test
    void aOneTimeScheduleIgnoresItsDates() {
        ObjectNode once = create("once").put("ScheduleExpression", "at(2026-12-08T10:00:00)")
                .put("StartDate", "2020-01-02T00:00:00Z").put("EndDate", "2020-01-01T00:00:00Z");
        api.handle("CreateSchedule", once);
        assertThat(api.handle("GetSchedule", JSON.createObjectNode().put("Name", "once")).path("EndDate").asText())
                .isEqualTo("2020-01-01T00:00:00Z");
    }

    @Test
    void aCreateRetriedWithItsClientTokenIsAnsweredAgainAndAnotherTokenConflicts() {
        String arn = api.handle("CreateSchedule", create("retried").put("ClientToken", "tok")).path("ScheduleArn").asText();
        assertThat(api.handle("CreateSchedule", create("retried").put("ClientToken", "tok")).path("ScheduleArn").asText())
                .isEqualTo(arn);
        assertThat(fails(() -> api.handle("CreateSchedule", create("retried").put("ClientToken", "other"))).code())
                .isEqualTo("ConflictException");
        assertThat(fails(() -> api.handle("CreateSchedule", create("retried"))).code()).isEqualTo("ConflictException");

        ObjectNode group = JSON.createObjectNode().put("Name", "g").put("ClientToken", "gt");
        String groupArn = api.handle("CreateScheduleGroup", group).path("ScheduleGroupArn").asText();
        assertThat(api.handle("CreateScheduleGroup", group).path("ScheduleGroupArn").asText()).isEqualTo(groupArn);
        assertThat(fails(() -> api.handle("CreateScheduleGroup", group.deepCopy().put("ClientToken", "x"))).code())
                .isEqualTo("ConflictException");
    }

    @Test
    void theDefaultGroupCannotBeDeleted() {
        ServiceException e = fails(() -> api.handle("DeleteScheduleGroup", JSON.createObjectNode().put("Name", "default")));
        assertThat(e.code()).isEqualTo("ValidationException");
        assertThat(api.handle("GetScheduleGroup", JSON.createObjectNode().put("Name", "default")).path("State").asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void resourcesAreTheSchedulesAndGroupsArns() {
        assertThat(api.resource("CreateSchedule", create("s").put("GroupName", "g")))
                .isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/g/s");
        assertThat(api.resource("GetSchedule", JSON.createObjectNode().put("Name", "s")))
                .isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/s");
        assertThat(api.resource("DeleteScheduleGroup", JSON.createObjectNode().put("Name", "g")))
                .isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule-group/g");
        assertThat(api.resource("ListSchedules", JSON.createObjectNode())).isEqualTo("*");
    }

    @Test
    void aNextTokenOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> api.handle("ListScheduleGroups", JSON.createObjectNode().put("NextToken", "%%%")))
                .isInstanceOf(ServiceException.class).hasMessage("The NextToken is not valid.");
    }
}
