package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupState;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupSummary;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.scheduler.model.Tag;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** EventBridge Scheduler's API through the AWS SDK v2's SchedulerClient (rest-json): schedules, groups, tags. */
class SchedulerApiIT extends ServerPerClass {
    static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:sched-target";
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:sched-dlq";
    static final String ROLE = "arn:aws:iam::000000000000:role/scheduler-role";
    static final String ARN_PREFIX = "arn:aws:scheduler:us-east-1:000000000000:";
    static SchedulerClient scheduler;

    @BeforeAll
    static void client() {
        scheduler = EventBridgeTesting.scheduler(server.endpoint());
    }

    @AfterAll
    static void closeClient() {
        scheduler.close();
    }

    /** A valid CreateSchedule for {@code name} in the default group, changed by {@code more}. */
    static Consumer<CreateScheduleRequest.Builder> schedule(String name, Consumer<CreateScheduleRequest.Builder> more) {
        return b -> {
            b.name(name).scheduleExpression("rate(5 minutes)")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn(FUNCTION).roleArn(ROLE));
            more.accept(b);
        };
    }

    static <T extends SchedulerException> T fails(Class<T> type, int status, Runnable call) {
        T e = catchThrowableOfType(type, call::run);
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.statusCode()).isEqualTo(status);
        return e;
    }

    @Test
    void createThenGetAnswersTheDefinitionWithAwsDefaults() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String arn = scheduler.createSchedule(schedule("s-defaults", b -> { })).scheduleArn();
        assertThat(arn).isEqualTo(ARN_PREFIX + "schedule/default/s-defaults");

        GetScheduleResponse got = scheduler.getSchedule(b -> b.name("s-defaults"));
        assertThat(got.arn()).isEqualTo(arn);
        assertThat(got.name()).isEqualTo("s-defaults");
        assertThat(got.groupName()).isEqualTo("default");
        assertThat(got.scheduleExpression()).isEqualTo("rate(5 minutes)");
        assertThat(got.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(got.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(got.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
        assertThat(got.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(got.flexibleTimeWindow().maximumWindowInMinutes()).isNull();
        assertThat(got.target().arn()).isEqualTo(FUNCTION);
        assertThat(got.target().roleArn()).isEqualTo(ROLE);
        assertThat(got.target().retryPolicy().maximumRetryAttempts()).isEqualTo(185);
        assertThat(got.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(86400);
        assertThat(got.description()).isNull();
        assertThat(got.startDate()).isNull();
        assertThat(got.creationDate()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(got.lastModificationDate()).isEqualTo(got.creationDate());
    }

    @Test
    void everyMemberSetIsAnsweredAsSet() {
        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(Duration.ofDays(30));
        scheduler.createSchedule(schedule("s-full", b -> b.description("nightly report")
                .scheduleExpression("cron(0 2 * * ? *)").scheduleExpressionTimezone("Europe/Paris")
                .startDate(start).endDate(end).state(ScheduleState.DISABLED)
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .kmsKeyArn("arn:aws:kms:us-east-1:000000000000:key/abc-123")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(15))
                .target(t -> t.arn(QUEUE.replace("sched-dlq", "work.fifo")).roleArn(ROLE).input("{\"job\":\"report\"}")
                        .retryPolicy(r -> r.maximumRetryAttempts(3))
                        .deadLetterConfig(d -> d.arn(QUEUE))
                        .sqsParameters(s -> s.messageGroupId("g1")))));

        GetScheduleResponse got = scheduler.getSchedule(b -> b.name("s-full"));
        assertThat(got.description()).isEqualTo("nightly report");
        assertThat(got.scheduleExpression()).isEqualTo("cron(0 2 * * ? *)");
        assertThat(got.scheduleExpressionTimezone()).isEqualTo("Europe/Paris");
        assertThat(got.startDate()).isEqualTo(start);
        assertThat(got.endDate()).isEqualTo(end);
        assertThat(got.state()).isEqualTo(ScheduleState.DISABLED);
        assertThat(got.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(got.kmsKeyArn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/abc-123");
        assertThat(got.flexibleTimeWindow().maximumWindowInMinutes()).isEqualTo(15);
        assertThat(got.target().input()).isEqualTo("{\"job\":\"report\"}");
        assertThat(got.target().retryPolicy().maximumRetryAttempts()).isEqualTo(3);
        assertThat(got.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(86400);
        assertThat(got.target().deadLetterConfig().arn()).isEqualTo(QUEUE);
        assertThat(got.target().sqsParameters().messageGroupId()).isEqualTo("g1");
    }

    @Test
    void aNameInUseIsAConflictAndAMissingScheduleIsNotFound() {
        scheduler.createSchedule(schedule("s-twice", b -> { }));
        ConflictException conflict = fails(ConflictException.class, 409,
                () -> scheduler.createSchedule(schedule("s-twice", b -> { })));
        assertThat(conflict.awsErrorDetails().errorMessage()).isEqualTo("Schedule s-twice already exists.");

        ResourceNotFoundException missing = fails(ResourceNotFoundException.class, 404,
                () -> scheduler.getSchedule(b -> b.name("s-never")));
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("Schedule s-never does not exist.");
        fails(ResourceNotFoundException.class, 404, () -> scheduler.deleteSchedule(b -> b.name("s-never")));
        fails(ResourceNotFoundException.class, 404, () -> scheduler.updateSchedule(b -> b.name("s-never")
                .scheduleExpression("rate(1 hour)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(FUNCTION).roleArn(ROLE))));
    }

    @Test
    void aScheduleInAMissingGroupIsNotFound() {
        ResourceNotFoundException e = fails(ResourceNotFoundException.class, 404,
                () -> scheduler.createSchedule(schedule("s-orphan", b -> b.groupName("g-never"))));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Schedule group g-never does not exist.");
        fails(ResourceNotFoundException.class, 404,
                () -> scheduler.getSchedule(b -> b.name("s-orphan").groupName("g-never")));
    }

    @Test
    void invalidInputIsAValidationException() {
        ValidationException noRole = fails(ValidationException.class, 400, () -> scheduler.createSchedule(
                schedule("s-bad-1", b -> b.target(t -> t.arn(FUNCTION)))));
        assertThat(noRole.awsErrorDetails().errorMessage()).contains("Member must not be null");
        ValidationException zone = fails(ValidationException.class, 400, () -> scheduler.createSchedule(
                schedule("s-bad-2", b -> b.scheduleExpressionTimezone("Mars/Olympus"))));
        assertThat(zone.awsErrorDetails().errorMessage()).contains("Mars/Olympus");
        fails(ValidationException.class, 400, () -> scheduler.createSchedule(schedule("s-bad-3",
                b -> b.flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE)))));
        fails(ValidationException.class, 400, () -> scheduler.createSchedule(schedule("s-bad-4",
                b -> b.flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF).maximumWindowInMinutes(5)))));
        fails(ValidationException.class, 400, () -> scheduler.createSchedule(schedule("s-bad-5",
                b -> b.flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(1441)))));
        Instant start = Instant.now().plus(Duration.ofDays(2));
        fails(ValidationException.class, 400, () -> scheduler.createSchedule(schedule("s-bad-6",
                b -> b.startDate(start).endDate(start.minus(Duration.ofDays(1))))));
        ValidationException expression = fails(ValidationException.class, 400, () -> scheduler.createSchedule(
                schedule("s-bad-7", b -> b.scheduleExpression("every day"))));
        assertThat(expression.awsErrorDetails().errorMessage()).isEqualTo("Invalid Schedule Expression every day.");
        fails(ValidationException.class, 400, () -> scheduler.createSchedule(schedule("s-bad-8",
                b -> b.target(t -> t.arn(FUNCTION).roleArn(ROLE).retryPolicy(r -> r.maximumRetryAttempts(186))))));
        assertThat(scheduler.listSchedules(b -> b.namePrefix("s-bad")).schedules()).isEmpty();
    }

    @Test
    void updateReplacesTheWholeDefinitionAndKeepsTheCreationDate() throws InterruptedException {
        scheduler.createSchedule(schedule("s-update", b -> b.description("first").state(ScheduleState.DISABLED)
                .target(t -> t.arn(FUNCTION).roleArn(ROLE).input("{}"))));
        GetScheduleResponse before = scheduler.getSchedule(b -> b.name("s-update"));
        Thread.sleep(5);
        String arn = scheduler.updateSchedule(b -> b.name("s-update").scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(QUEUE).roleArn(ROLE))).scheduleArn();
        assertThat(arn).isEqualTo(ARN_PREFIX + "schedule/default/s-update");
        GetScheduleResponse after = scheduler.getSchedule(b -> b.name("s-update"));
        assertThat(after.scheduleExpression()).isEqualTo("rate(1 hour)");
        assertThat(after.description()).as("not given again: gone").isNull();
        assertThat(after.state()).as("not given again: the default").isEqualTo(ScheduleState.ENABLED);
        assertThat(after.target().arn()).isEqualTo(QUEUE);
        assertThat(after.target().input()).isNull();
        assertThat(after.creationDate()).isEqualTo(before.creationDate());
        assertThat(after.lastModificationDate()).isAfter(before.lastModificationDate());
    }

    @Test
    void deleteRemovesTheSchedule() {
        scheduler.createSchedule(schedule("s-delete", b -> { }));
        scheduler.deleteSchedule(b -> b.name("s-delete"));
        fails(ResourceNotFoundException.class, 404, () -> scheduler.getSchedule(b -> b.name("s-delete")));
    }

    @Test
    void listFiltersByGroupPrefixAndStateAndPaginates() {
        scheduler.createScheduleGroup(b -> b.name("g-list"));
        for (String name : List.of("l-c", "l-a", "l-b", "l-d", "l-e")) {
            scheduler.createSchedule(schedule(name, b -> b.groupName("g-list")
                    .state(name.equals("l-d") ? ScheduleState.DISABLED : ScheduleState.ENABLED)));
        }
        scheduler.createSchedule(schedule("l-other", b -> { }));

        ListSchedulesResponse first = scheduler.listSchedules(b -> b.groupName("g-list").maxResults(2));
        assertThat(first.schedules()).extracting(ScheduleSummary::name).containsExactly("l-a", "l-b");
        assertThat(first.nextToken()).isNotNull();
        ScheduleSummary a = first.schedules().getFirst();
        assertThat(a.arn()).isEqualTo(ARN_PREFIX + "schedule/g-list/l-a");
        assertThat(a.groupName()).isEqualTo("g-list");
        assertThat(a.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(a.target().arn()).isEqualTo(FUNCTION);
        assertThat(a.creationDate()).isNotNull();

        List<String> all = scheduler.listSchedulesPaginator(b -> b.groupName("g-list").maxResults(2)).schedules()
                .stream().map(ScheduleSummary::name).toList();
        assertThat(all).containsExactly("l-a", "l-b", "l-c", "l-d", "l-e");
        assertThat(scheduler.listSchedules(b -> b.groupName("g-list").state(ScheduleState.DISABLED)).schedules())
                .extracting(ScheduleSummary::name).containsExactly("l-d");
        assertThat(scheduler.listSchedules(b -> b.namePrefix("l-")).schedules())
                .extracting(ScheduleSummary::name).contains("l-a", "l-other");
        fails(ResourceNotFoundException.class, 404, () -> scheduler.listSchedules(b -> b.groupName("g-never")));
        fails(ValidationException.class, 400, () -> scheduler.listSchedules(b -> b.nextToken("not-a-token")));
    }

    @Test
    void theDefaultGroupAlwaysExistsAndCannotBeDeleted() {
        GetScheduleGroupResponse group = scheduler.getScheduleGroup(b -> b.name("default"));
        assertThat(group.arn()).isEqualTo(ARN_PREFIX + "schedule-group/default");
        assertThat(group.state()).isEqualTo(ScheduleGroupState.ACTIVE);
        fails(ValidationException.class, 400, () -> scheduler.deleteScheduleGroup(b -> b.name("default")));
    }

    @Test
    void groupsAreCreatedListedAndDeletedWithTheirSchedules() {
        String arn = scheduler.createScheduleGroup(b -> b.name("g-life")).scheduleGroupArn();
        assertThat(arn).isEqualTo(ARN_PREFIX + "schedule-group/g-life");
        ConflictException conflict = fails(ConflictException.class, 409,
                () -> scheduler.createScheduleGroup(b -> b.name("g-life")));
        assertThat(conflict.awsErrorDetails().errorMessage()).isEqualTo("Schedule group g-life already exists.");
        GetScheduleGroupResponse got = scheduler.getScheduleGroup(b -> b.name("g-life"));
        assertThat(got.name()).isEqualTo("g-life");
        assertThat(got.state()).isEqualTo(ScheduleGroupState.ACTIVE);
        assertThat(got.creationDate()).isNotNull();
        assertThat(got.lastModificationDate()).isNotNull();

        scheduler.createSchedule(schedule("in-group", b -> b.groupName("g-life")));
        assertThat(scheduler.getSchedule(b -> b.name("in-group").groupName("g-life")).arn())
                .isEqualTo(ARN_PREFIX + "schedule/g-life/in-group");
        fails(ResourceNotFoundException.class, 404, () -> scheduler.getSchedule(b -> b.name("in-group")));

        scheduler.deleteScheduleGroup(b -> b.name("g-life"));
        fails(ResourceNotFoundException.class, 404, () -> scheduler.getScheduleGroup(b -> b.name("g-life")));
        fails(ResourceNotFoundException.class, 404, () -> scheduler.deleteScheduleGroup(b -> b.name("g-life")));
        scheduler.createScheduleGroup(b -> b.name("g-life"));
        assertThat(scheduler.listSchedules(b -> b.groupName("g-life")).schedules()).as("deleted with the group")
                .isEmpty();
    }

    @Test
    void listScheduleGroupsFiltersByPrefixAndPaginates() {
        for (String name : List.of("pg-b", "pg-a", "pg-c")) {
            scheduler.createScheduleGroup(b -> b.name(name));
        }
        var first = scheduler.listScheduleGroups(b -> b.namePrefix("pg-").maxResults(2));
        assertThat(first.scheduleGroups()).extracting(ScheduleGroupSummary::name).containsExactly("pg-a", "pg-b");
        assertThat(first.nextToken()).isNotNull();
        assertThat(scheduler.listScheduleGroupsPaginator(b -> b.namePrefix("pg-").maxResults(2)).scheduleGroups()
                .stream().map(ScheduleGroupSummary::name).toList()).containsExactly("pg-a", "pg-b", "pg-c");
        assertThat(scheduler.listScheduleGroups(b -> b.maxResults(100)).scheduleGroups())
                .extracting(ScheduleGroupSummary::name).contains("default", "pg-a");
    }

    @Test
    void groupsCarryTagsAndSchedulesDoNot() {
        String arn = scheduler.createScheduleGroup(b -> b.name("g-tags")
                .tags(Tag.builder().key("team").value("a").build())).scheduleGroupArn();
        assertThat(scheduler.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("a").build());
        scheduler.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("prod").build(),
                Tag.builder().key("team").value("b").build()));
        assertThat(scheduler.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(
                Tag.builder().key("team").value("b").build(), Tag.builder().key("env").value("prod").build());
        scheduler.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertThat(scheduler.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("env").value("prod").build());

        fails(ResourceNotFoundException.class, 404, () -> scheduler.listTagsForResource(
                b -> b.resourceArn(ARN_PREFIX + "schedule-group/g-never")));
        scheduler.createSchedule(schedule("s-tags", b -> { }));
        fails(ValidationException.class, 400, () -> scheduler.tagResource(b -> b.resourceArn(
                ARN_PREFIX + "schedule/default/s-tags").tags(Tag.builder().key("k").value("v").build())));
    }

    @Test
    void aUsersPolicyDecidesWhichSchedulesItMayTouch() {
        scheduler.createScheduleGroup(b -> b.name("g-iam"));
        String[] keys = new Admin(server).user("scheduler-user", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["scheduler:CreateSchedule","scheduler:GetSchedule"],
                 "Resource":"arn:aws:scheduler:us-east-1:000000000000:schedule/g-iam/*"}]}""");
        try (SchedulerClient user = SchedulerClient.builder().endpointOverride(server.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(keys[0], keys[1])))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build()) {
            user.createSchedule(schedule("mine", b -> b.groupName("g-iam")));
            assertThat(user.getSchedule(b -> b.name("mine").groupName("g-iam")).name()).isEqualTo("mine");
            SchedulerException denied = fails(SchedulerException.class, 403,
                    () -> user.createSchedule(schedule("not-mine", b -> { })));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage()).contains("scheduler:CreateSchedule")
                    .contains("arn:aws:scheduler:us-east-1:000000000000:schedule/default/not-mine");
            fails(SchedulerException.class, 403, () -> user.deleteSchedule(b -> b.name("mine").groupName("g-iam")));
        }
        fails(ResourceNotFoundException.class, 404, () -> scheduler.getSchedule(b -> b.name("not-mine")));
    }

    /** A request signed for {@code scheduler} with the root keys, sent as is. */
    private static java.net.http.HttpResponse<String> raw(String method, String path, String body) throws Exception {
        RawHttp http = new RawHttp(server.endpoint());
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return http.send(http.request(method, path, java.util.Map.of("Content-Type", "application/json"), bytes,
                RawHttp.Signing.root().withScope(TestServer.REGION, "scheduler"),
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    @Test
    void hostileRequestsGetSchedulersErrorsNeverA500() throws Exception {
        var notJson = raw("POST", "/schedules/raw-1", "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
        assertThat(RawHttp.json(notJson).path("Message").asText()).isNotEmpty();

        var wrongType = raw("POST", "/schedules/raw-2", "{\"ScheduleExpression\":[1],\"Target\":7}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");

        var unknown = raw("PATCH", "/schedules/raw-3", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");

        var nowhere = raw("GET", "/no/such/path", "");
        assertThat(nowhere.statusCode()).isEqualTo(404);

        var hugeName = raw("GET", "/schedules/" + "x".repeat(65), "");
        assertThat(hugeName.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(hugeName).path("Message").asText()).contains("Member must have length less than or equal to 64");
    }
}
