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

    /**
     * Lamina's own cases in the kit's format (not recorded against AWS): Lambda targets, a schedule
     * without Input (the function gets {@code {}}), an at() read in a zone with daylight saving time.
     */
    private static final List<JsonNode> OWN_CASES = ownCases();

    private static List<JsonNode> ownCases() {
        try {
            return List.of(JSON.readTree("""
                    {"id": "own:scheduler-at-new-york-lambda-without-input", "via": "scheduler", "at_offset_s": 8,
                     "timezone": "America/New_York", "flexible_window": {"Mode": "OFF"}, "target": "lambda",
                     "within_s": 60, "expect": {"json": {}}}"""), JSON.readTree("""
                    {"id": "own:rule-cron-every-minute-lambda", "via": "rule", "expression": "cron(* * * * ? *)",
                     "target": "lambda", "within_s": 90, "expect": {"json": {"version": "0", "id": "<uuid>",
                     "detail-type": "Scheduled Event", "source": "aws.events", "account": "<account>",
                     "time": "<time>", "region": "<region>", "resources": ["<rule-arn>"], "detail": {}}}}"""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A case set up: what to await. */
    private record Armed(JsonNode c, String name, String queueUrl, Instant notBefore,
                         Map<String, String> placeholders) {
    }

    @TestFactory
    Stream<DynamicTest> everyScheduledCase() throws IOException {
        List<JsonNode> cases = EventBridgeScheduleExpressionConformanceIT.cases("scheduled");
        assertThat(cases).isNotEmpty();
        List<JsonNode> all = new ArrayList<>(cases);
        all.addAll(OWN_CASES);
        List<Armed> armed = new ArrayList<>();
        for (JsonNode c : all) {
            armed.add(arm(c));
        }
        return armed.stream().map(a -> DynamicTest.dynamicTest(a.c.get("id").asText(), () -> check(a)));
    }

    private static Armed arm(JsonNode c) {
        String name = "sched-" + NAMES.incrementAndGet();
        String kind = c.get("target").asText();
        if (!kind.equals("sqs") && !kind.equals("lambda")) {
            throw new AssertionError("no harness for target " + c.get("target") + " in " + c.get("id"));
        }
        String url = kind.equals("sqs") ? sqs.createQueue(b -> b.queueName(name)).queueUrl() : null;
        String targetArn = kind.equals("sqs") ? SqsTesting.attribute(sqs, url, QueueAttributeName.QUEUE_ARN)
                : EventBridgeDelivering.recorder(lambda, name);
        if (c.get("via").asText().equals("rule")) {
            String ruleArn = events.putRule(b -> b.name(name).scheduleExpression(c.get("expression").asText()))
                    .ruleArn();
            if (kind.equals("lambda")) {
                lambda.addPermission(b -> b.functionName(name).statementId("events").action("lambda:InvokeFunction")
                        .principal("events.amazonaws.com").sourceArn(ruleArn));
            }
            events.putTargets(b -> b.rule(name).targets(t -> {
                t.id("t1").arn(targetArn);
                if (c.has("input")) {
                    t.input(pythonJson(c.get("input")));
                }
            }));
            return new Armed(c, name, url, Instant.EPOCH, Map.of("<rule-arn>", ruleArn, "<rule-name>", name,
                    "<bus-name>", "default"));
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
                .target(t -> {
                    t.arn(targetArn).roleArn("arn:aws:iam::000000000000:role/scheduler-sqs");
                    if (c.has("input")) {
                        t.input(pythonJson(c.get("input")));
                    }
                }));
        return new Armed(c, name, url, at, Map.of());
    }

    private static void check(Armed a) throws Exception {
        int within = a.c.get("within_s").asInt();
        String body;
        if (a.queueUrl != null) {
            List<Message> got = SqsTesting.receive(sqs, a.queueUrl, 1, Duration.ofSeconds(within));
            assertThat(got).as("a delivery within %d s", within).hasSize(1);
            Message m = got.getFirst();
            long sent = Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
            assertThat(Instant.ofEpochMilli(sent)).as("not before the at() time").isAfterOrEqualTo(a.notBefore);
            body = m.body();
        } else {
            body = awaitRecorded(a, within);
        }
        JsonNode expect = a.c.get("expect");
        if (expect.has("text") && a.queueUrl != null) {
            assertThat(body).isEqualTo(expect.get("text").asText());
        }
        if (expect.has("json")) {
            matches(JSON.readTree(body), expect.get("json"), a.placeholders, "$");
        }
        // one delivery for one time: nothing more for an at(), never a second for the same minute
        List<String> more = new ArrayList<>();
        if (a.queueUrl != null) {
            SqsTesting.receive(sqs, a.queueUrl, 1, Duration.ofSeconds(2)).forEach(m -> more.add(m.body()));
        } else {
            Thread.sleep(2000);
            List<String> all = EventBridgeDelivering.recorded(server, a.name);
            more.addAll(all.subList(1, all.size()));
        }
        for (String extra : more) {
            assertThat(JSON.readTree(extra).path("time").asText("")).as("a second delivery")
                    .isNotEqualTo(JSON.readTree(body).path("time").asText("x"));
        }
    }

    /** The first event the recording function logged, within {@code within} seconds and not before its time. */
    private static String awaitRecorded(Armed a, int within) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(within).toNanos();
        while (System.nanoTime() < deadline) {
            Instant looked = Instant.now();
            List<String> got = EventBridgeDelivering.recorded(server, a.name);
            if (!got.isEmpty()) {
                assertThat(looked).as("not before the at() time").isAfterOrEqualTo(a.notBefore);
                return got.getFirst();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no event reached " + a.name + " within " + within + " s");
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
