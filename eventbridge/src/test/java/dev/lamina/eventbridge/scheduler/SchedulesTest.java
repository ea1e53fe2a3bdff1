package dev.lamina.eventbridge.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arns ARNS = new Arns(new Region("us-east-1"), new AccountId("000000000000"));

    @TempDir
    Path dir;
    Store store;
    Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00.123456Z"), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Schedules schedules() {
        return new Schedules(store, ARNS, clock);
    }

    /** A schedule document as the operations hand it over (defaults already filled in). */
    static ObjectNode schedule(String group, String name, String state, String after) {
        ObjectNode doc = JSON.createObjectNode().put("Arn", ARNS.schedule(group, name)).put("Name", name)
                .put("GroupName", group).put("ScheduleExpression", "rate(5 minutes)")
                .put("ScheduleExpressionTimezone", "Europe/Paris").put("State", state)
                .put("ActionAfterCompletion", after).put("StartDate", "2026-12-08T00:00:00Z");
        doc.putObject("FlexibleTimeWindow").put("Mode", "FLEXIBLE").put("MaximumWindowInMinutes", 10);
        doc.putObject("Target").put("Arn", "arn:aws:lambda:us-east-1:000000000000:function:f")
                .put("RoleArn", "arn:aws:iam::000000000000:role/r").put("Input", "{\"a\":1}")
                .putObject("RetryPolicy").put("MaximumRetryAttempts", 3).put("MaximumEventAgeInSeconds", 600);
        return doc;
    }

    @Test
    void theDefaultGroupIsStoredOnTheFirstStartAndKeepsItsCreationDate() {
        String created = schedules().group("default").orElseThrow().path("CreationDate").asText();
        assertThat(created).isEqualTo("2026-12-07T10:00:00.123Z");
        clock = Clock.offset(clock, Duration.ofHours(1));
        assertThat(schedules().group("default").orElseThrow().path("CreationDate").asText()).isEqualTo(created);
    }

    @Test
    void schedulesAndGroupsSurviveAReopen() {
        Schedules first = schedules();
        first.createGroup("g1", List.of(Map.entry("team", "a")));
        first.create(schedule("g1", "s1", "ENABLED", "NONE"));
        Schedules again = schedules();
        assertThat(again.group("g1").orElseThrow().path("Tags").get(0).path("Value").asText()).isEqualTo("a");
        ObjectNode s1 = again.schedule("g1", "s1").orElseThrow();
        assertThat(s1.path("CreationDate").asText()).isEqualTo("2026-12-07T10:00:00.123Z");
        assertThat(s1.path("Target").path("Input").asText()).isEqualTo("{\"a\":1}");
        assertThat(again.active()).hasSize(1);
    }

    @Test
    void activeHoldsEnabledSchedulesAsTheTickerReadsThem() {
        Schedules schedules = schedules();
        schedules.create(schedule("default", "on", "ENABLED", "DELETE"));
        schedules.create(schedule("default", "off", "DISABLED", "NONE"));
        assertThat(schedules.active()).hasSize(1);
        ScheduleBook.ActiveSchedule on = schedules.active().getFirst();
        assertThat(on.arn()).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/on");
        assertThat(on.group()).isEqualTo("default");
        assertThat(on.name()).isEqualTo("on");
        assertThat(on.expression()).isEqualTo("rate(5 minutes)");
        assertThat(on.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(on.startDate()).contains(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(on.endDate()).isEmpty();
        assertThat(on.flexibleWindow()).contains(Duration.ofMinutes(10));
        assertThat(on.deleteAfterCompletion()).isTrue();
        assertThat(on.target().arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f");
        assertThat(on.target().input()).contains("{\"a\":1}");
        assertThat(on.target().retryPolicy().maximumRetryAttempts()).isEqualTo(3);
        assertThat(on.target().retryPolicy().maximumEventAge()).isEqualTo(Duration.ofMinutes(10));

        schedules.update(schedule("default", "off", "ENABLED", "NONE"));
        assertThat(schedules.active()).extracting(ScheduleBook.ActiveSchedule::name).containsExactly("off", "on");
    }

    @Test
    void completedDeletesOnlyASchedulesWhoseActionIsDelete() {
        Schedules schedules = schedules();
        schedules.create(schedule("default", "once", "ENABLED", "DELETE"));
        schedules.create(schedule("default", "keep", "ENABLED", "NONE"));
        schedules.completed("default", "once");
        schedules.completed("default", "keep");
        schedules.completed("default", "never-existed");
        assertThat(schedules.schedule("default", "once")).isEmpty();
        assertThat(schedules.schedule("default", "keep")).isPresent();
        assertThat(schedules().schedule("default", "once")).as("gone from the store too").isEmpty();
    }

    @Test
    void aNameInUseConflictsAndAMissingGroupIsNotFound() {
        Schedules schedules = schedules();
        schedules.create(schedule("default", "s", "ENABLED", "NONE"));
        assertThatThrownBy(() -> schedules.create(schedule("default", "s", "ENABLED", "NONE")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("ConflictException");
                    assertThat(e.status()).isEqualTo(409);
                });
        assertThatThrownBy(() -> schedules.create(schedule("nope", "s", "ENABLED", "NONE")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("Schedule group nope does not exist.");
                });
        assertThatThrownBy(() -> schedules.update(schedule("default", "other", "ENABLED", "NONE")))
                .hasMessage("Schedule other does not exist.");
    }

    @Test
    void updateKeepsTheCreationDateAndMovesTheModificationDate() {
        Schedules schedules = schedules();
        schedules.create(schedule("default", "s", "ENABLED", "NONE"));
        clock = Clock.offset(clock, Duration.ofMinutes(1));
        Schedules later = schedules();
        later.update(schedule("default", "s", "DISABLED", "NONE"));
        ObjectNode doc = later.schedule("default", "s").orElseThrow();
        assertThat(doc.path("CreationDate").asText()).isEqualTo("2026-12-07T10:00:00.123Z");
        assertThat(doc.path("LastModificationDate").asText()).isEqualTo("2026-12-07T10:01:00.123Z");
        assertThat(doc.path("State").asText()).isEqualTo("DISABLED");
    }

    @Test
    void deletingAGroupDeletesItsSchedulesInTheStoreToo() {
        Schedules schedules = schedules();
        schedules.createGroup("g", List.of());
        schedules.create(schedule("g", "a", "ENABLED", "NONE"));
        schedules.create(schedule("g", "b", "ENABLED", "NONE"));
        schedules.create(schedule("default", "a", "ENABLED", "NONE"));
        schedules.deleteGroup("g");
        assertThat(schedules.active()).extracting(ScheduleBook.ActiveSchedule::group).containsExactly("default");
        Schedules reopened = schedules();
        assertThat(reopened.group("g")).isEmpty();
        assertThat(reopened.schedules(Optional.empty())).extracting(d -> d.path("Name").asText()).containsExactly("a");
        reopened.createGroup("g", List.of());
        assertThat(reopened.schedules(Optional.of("g"))).isEmpty();
    }

    @Test
    void documentsHandedOutAreCopies() {
        Schedules schedules = schedules();
        schedules.create(schedule("default", "s", "ENABLED", "NONE"));
        schedules.schedule("default", "s").orElseThrow().put("State", "DISABLED");
        assertThat(schedules.schedule("default", "s").orElseThrow().path("State").asText()).isEqualTo("ENABLED");
    }
}
