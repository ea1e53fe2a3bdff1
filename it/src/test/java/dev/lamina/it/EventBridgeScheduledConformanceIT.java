package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recorded {@code scheduled} case end to end on a real server with its real clock: a scheduled
 * rule or a Scheduler {@code at()} schedule delivers to a real SQS queue. All cases are set up first
 * and then awaited, so the class waits about as long as its slowest case (a cron's next minute).
 */
class EventBridgeScheduledConformanceIT extends ServerPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    static EventBridgeClient events;
    static SchedulerClient scheduler;
    static SqsClient sqs;

    @BeforeAll
    static void clients() {
        events = EventBridgeTesting.events(server.endpoint());
        scheduler = EventBridgeTesting.scheduler(server.endpoint());
        sqs = SqsTesting.client(server.endpoint());
        new Admin(server).ok("create-role", "scheduler-sqs", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage","lambda:InvokeFunction"],
                 "Resource":"*"}]}""");
    }

    @AfterAll
    static void closeClients() {
        events.close();
        scheduler.close();
        sqs.close();
    }

    /** A case set up: what to await. */
    private record Armed(JsonNode c, String queueUrl, Instant notBefore, Map<String, String> placeholders) {
    }

    @TestFactory
    Stream<DynamicTest> everyScheduledCase() throws IOException {
        List<JsonNode> cases = EventBridgeScheduleExpressionConformanceIT.cases("scheduled");
        assertThat(cases).isNotEmpty();
        List<Armed> armed = new ArrayList<>();
        for (JsonNode c : cases) {
            armed.add(arm(c));
        }
        return armed.stream().map(a -> DynamicTest.dynamicTest(a.c.get("id").asText(), () -> check(a)));
    }

    private static Armed arm(JsonNode c) {
        String name = "sched-" + NAMES.incrementAndGet();
        if (!c.get("target").asText().equals("sqs")) {
            throw new AssertionError("no harness for target " + c.get("target") + " in " + c.get("id"));
        }
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = SqsTesting.attribute(sqs, url, QueueAttributeName.QUEUE_ARN);
        if (c.get("via").asText().equals("rule")) {
            String ruleArn = events.putRule(b -> b.name(name).scheduleExpression(c.get("expression").asText()))
                    .ruleArn();
            events.putTargets(b -> b.rule(name).targets(t -> t.id("t1").arn(queueArn)));
            return new Armed(c, url, Instant.EPOCH, Map.of("<rule-arn>", ruleArn, "<rule-name>", name));
        }
        ZoneId zone = ZoneId.of(c.path("timezone").asText("UTC"));
        Instant at = Instant.now().plusSeconds(c.get("at_offset_s").asLong()).truncatedTo(ChronoUnit.SECONDS);
        String local = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(at, zone));
        JsonNode window = c.path("flexible_window");
        scheduler.createSchedule(b -> b.name(name).scheduleExpression("at(" + local + ")")
                .scheduleExpressionTimezone(zone.getId())
                .flexibleTimeWindow(w -> {
                    w.mode(FlexibleTimeWindowMode.fromValue(window.path("Mode").asText("OFF")));
                    if (window.has("MaximumWindowInMinutes")) {
                        w.maximumWindowInMinutes(window.get("MaximumWindowInMinutes").asInt());
                    }
                })
                .target(t -> t.arn(queueArn).roleArn("arn:aws:iam::000000000000:role/scheduler-sqs")
                        .input(pythonJson(c.get("input")))));
        return new Armed(c, url, at, Map.of());
    }

    private static void check(Armed a) throws IOException {
        int within = a.c.get("within_s").asInt();
        List<Message> got = SqsTesting.receive(sqs, a.queueUrl, 1, Duration.ofSeconds(within));
        assertThat(got).as("a delivery within %d s", within).hasSize(1);
        Message m = got.getFirst();
        long sent = Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
        assertThat(Instant.ofEpochMilli(sent)).as("not before the at() time").isAfterOrEqualTo(a.notBefore);
        JsonNode expect = a.c.get("expect");
        if (expect.has("text")) {
            assertThat(m.body()).isEqualTo(expect.get("text").asText());
        }
        if (expect.has("json")) {
            matches(JSON.readTree(m.body()), expect.get("json"), a.placeholders, "$");
        }
        // exactly one delivery for one time: nothing more arrives for an at(), nor a second for the same minute
        List<Message> more = SqsTesting.receive(sqs, a.queueUrl, 1, Duration.ofSeconds(2));
        for (Message extra : more) {
            assertThat(JSON.readTree(extra.body()).path("time").asText("")).as("a second delivery")
                    .isNotEqualTo(JSON.readTree(m.body()).path("time").asText("x"));
        }
    }

    /** {@code actual} equals {@code expected}, whose strings may be the README's placeholders. */
    static void matches(JsonNode actual, JsonNode expected, Map<String, String> placeholders, String path) {
        if (expected.isTextual()) {
            String e = expected.asText();
            Supplier<String> where = () -> path + " in " + actual;
            assertThat(actual.isTextual()).as(where.get()).isTrue();
            switch (e) {
                case "<uuid>" -> assertThat(actual.asText()).as(path).isNotEmpty();
                case "<time>" -> assertThat(actual.asText()).as(path).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
                case "<account>" -> assertThat(actual.asText()).as(path).isEqualTo(TestServer.ACCOUNT);
                case "<region>" -> assertThat(actual.asText()).as(path).isEqualTo(TestServer.REGION);
                default -> assertThat(actual.asText()).as(path).isEqualTo(placeholders.getOrDefault(e, e));
            }
            return;
        }
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path).isTrue();
            List<String> names = new ArrayList<>();
            actual.fieldNames().forEachRemaining(names::add);
            List<String> want = new ArrayList<>();
            expected.fieldNames().forEachRemaining(want::add);
            assertThat(names).as(path).containsExactlyInAnyOrderElementsOf(want);
            for (String n : want) {
                matches(actual.get(n), expected.get(n), placeholders, path + "." + n);
            }
            return;
        }
        if (expected.isArray()) {
            assertThat(actual.isArray()).as(path).isTrue();
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                matches(actual.get(i), expected.get(i), placeholders, path + "[" + i + "]");
            }
            return;
        }
        assertThat(actual).as(path).isEqualTo(expected);
    }

    /** JSON as Python's json.dumps writes it (", " and ": "), which the recorded Input used. */
    static String pythonJson(JsonNode n) {
        if (n.isObject()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                parts.add(JSON.getNodeFactory().textNode(e.getKey()).toString() + ": " + pythonJson(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(v -> parts.add(pythonJson(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        return n.toString();
    }
}
