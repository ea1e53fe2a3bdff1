package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@code delivery} case of the recorded conformance kit, on the real server through the SDK:
 * a bus (custom or default), a rule with the case's pattern, a queue or a recording function per
 * target (with its Input, InputPath or InputTransformer), PutEvents with the case's entries; each
 * target must receive exactly its expectations, in any order, and nothing more.
 */
class EventBridgeDeliveryConformanceIT extends ServerPerClass {
    /** Cases Lamina knowingly does not pass, by id, with the reason (also in docs/EVENTBRIDGE.md). */
    static final Map<String, String> SKIPPED = Map.of();
    static final Duration ARRIVAL = Duration.ofSeconds(30);
    /** How long a target is watched for anything beyond its expectations. */
    static final Duration QUIET = Duration.ofSeconds(2);

    static EventBridgeClient events;
    static SqsClient sqs;
    static String busWriter;
    static final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    static void clients() {
        events = EventBridgeTesting.events(server.endpoint());
        sqs = SqsTesting.client(server.endpoint());
        new Admin(server).ok("create-role", "eventbridge-bus-writer", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"events:PutEvents","Resource":"*"}]}""");
        busWriter = "arn:aws:iam::" + TestServer.ACCOUNT + ":role/eventbridge-bus-writer";
    }

    @AfterAll
    static void closeClients() {
        events.close();
        sqs.close();
    }

    @TestFactory
    Stream<DynamicTest> everyDeliveryCase() throws Exception {
        JsonNode all = EventBridgeDelivering.JSON.readTree(Files.readString(EventBridgeTesting.conformanceCases()));
        List<JsonNode> cases = StreamSupport.stream(all.get("cases").spliterator(), false)
                .filter(c -> c.path("kind").asText().equals("delivery")).toList();
        assertThat(cases).as("delivery cases in the kit").isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> {
            Assumptions.assumeFalse(SKIPPED.containsKey(c.get("id").asText()), () -> SKIPPED.get(c.get("id").asText()));
            run(c, counter.incrementAndGet());
        }));
    }

    /** One target being watched: where its bodies arrive and what it must receive. */
    record Watched(String label, JsonNode expect, EventBridgeDelivering.Placeholders placeholders, String queueUrl,
                   String function) {
    }

    /** A rule made for a case, removed afterwards when it is on the shared default bus. */
    record Made(String bus, String rule, List<String> targetIds) {
    }

    private void run(JsonNode c, int n) {
        List<Made> made = new ArrayList<>();
        try {
            String bus = bus(c.path("bus").asText(), "case-" + n);
            String rule = "rule-" + n;
            String ruleArn = events.putRule(b -> b.name(rule).eventBusName(bus).eventPattern(c.get("pattern").toString()))
                    .ruleArn();
            EventBridgeDelivering.Placeholders names = new EventBridgeDelivering.Placeholders(rule, bus, ruleArn);
            List<Target> targets = new ArrayList<>();
            List<Watched> watched = new ArrayList<>();
            int i = 0;
            for (JsonNode t : c.get("targets")) {
                String id = "target-" + n + "-" + i++;
                Target.Builder target = Target.builder().id(id);
                switch (t.get("type").asText()) {
                    case "sqs" -> {
                        String url = sqs.createQueue(b -> b.queueName(id)).queueUrl();
                        target.arn(EventBridgeDelivering.queueArn(id));
                        watched.add(new Watched(id, t.get("expect"), names, url, null));
                    }
                    case "lambda" -> {
                        target.arn(EventBridgeDelivering.recorder(lambda, id));
                        lambda.addPermission(b -> b.functionName(id).statementId("events").action("lambda:InvokeFunction")
                                .principal("events.amazonaws.com").sourceArn(ruleArn));
                        watched.add(new Watched(id, t.get("expect"), names, null, id));
                    }
                    case "bus" -> {
                        String next = bus(t.path("bus").asText(), id);
                        target.arn(EventBridgeTesting.BUS_ARN_PREFIX + next).roleArn(busWriter);
                        String thenRule = "then-" + n;
                        String thenArn = events.putRule(b -> b.name(thenRule).eventBusName(next)
                                .eventPattern(c.get("pattern").toString())).ruleArn();
                        String queue = id + "-then";
                        String url = sqs.createQueue(b -> b.queueName(queue)).queueUrl();
                        events.putTargets(b -> b.rule(thenRule).eventBusName(next).targets(Target.builder().id(queue)
                                .arn(EventBridgeDelivering.queueArn(queue)).build()));
                        made.add(new Made(next, thenRule, List.of(queue)));
                        watched.add(new Watched(queue, t.path("then").get("expect"),
                                new EventBridgeDelivering.Placeholders(thenRule, next, thenArn), url, null));
                    }
                    default -> throw new AssertionError("unknown target type " + t.get("type"));
                }
                if (t.hasNonNull("input")) {
                    target.input(t.get("input").isTextual() ? t.get("input").asText() : t.get("input").toString());
                }
                if (t.hasNonNull("input_path")) {
                    target.inputPath(t.get("input_path").asText());
                }
                if (t.hasNonNull("input_transformer")) {
                    JsonNode x = t.get("input_transformer");
                    Map<String, String> paths = new LinkedHashMap<>();
                    x.path("InputPathsMap").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue().asText()));
                    target.inputTransformer(b -> b.inputPathsMap(paths).inputTemplate(x.get("InputTemplate").asText()));
                }
                targets.add(target.build());
            }
            made.add(new Made(bus, rule, targets.stream().map(Target::id).toList()));
            JsonNode error = c.get("put_targets_error");
            if (error != null && !error.isNull()) {
                assertThatThrownBy(() -> events.putTargets(b -> b.rule(rule).eventBusName(bus).targets(targets)))
                        .isInstanceOfSatisfying(EventBridgeException.class, e -> assertThat(
                                e.awsErrorDetails().errorCode()).isEqualTo(error.get("code").asText()));
                made.set(made.size() - 1, new Made(bus, rule, List.of()));
                return;
            }
            assertThat(events.putTargets(b -> b.rule(rule).eventBusName(bus).targets(targets)).failedEntryCount())
                    .isZero();
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (JsonNode e : c.get("entries")) {
                PutEventsRequestEntry.Builder entry = PutEventsRequestEntry.builder().eventBusName(bus);
                if (e.has("Source")) {
                    entry.source(e.get("Source").asText());
                }
                if (e.has("DetailType")) {
                    entry.detailType(e.get("DetailType").asText());
                }
                if (e.has("Detail")) {
                    entry.detail(e.get("Detail").asText());
                }
                if (e.has("Resources")) {
                    List<String> resources = new ArrayList<>();
                    e.get("Resources").forEach(r -> resources.add(r.asText()));
                    entry.resources(resources);
                }
                entries.add(entry.build());
            }
            assertThat(events.putEvents(b -> b.entries(entries)).failedEntryCount()).isZero();
            // Targets that must receive something first: once they have, one that must not has had its chance.
            watched.sort(java.util.Comparator.comparing(w -> w.expect().isEmpty()));
            for (Watched w : watched) {
                List<String> bodies = arrived(w);
                assertThat(bodies).as("%s received %s", w.label(), bodies).hasSize(w.expect().size());
                List<String> left = new ArrayList<>(bodies);
                for (JsonNode expectation : w.expect()) {
                    String match = left.stream().filter(b -> w.placeholders().meets(expectation, b)).findFirst()
                            .orElseThrow(() -> new AssertionError(w.label() + ": nothing received meets " + expectation
                                    + "; received " + bodies));
                    left.remove(match);
                }
            }
        } finally {
            for (Made m : made) {
                if (m.bus().equals("default")) {
                    if (!m.targetIds().isEmpty()) {
                        events.removeTargets(b -> b.rule(m.rule()).eventBusName(m.bus()).ids(m.targetIds()));
                    }
                    events.deleteRule(b -> b.name(m.rule()).eventBusName(m.bus()));
                }
            }
        }
    }

    /** Everything the target received: its expectations' worth, then whatever else comes while it is watched. */
    private static List<String> arrived(Watched w) {
        int expected = w.expect().size();
        if (w.queueUrl() != null) {
            List<Message> got = new ArrayList<>(EventBridgeDelivering.drain(sqs, w.queueUrl(), expected,
                    expected == 0 ? QUIET : ARRIVAL));
            got.addAll(EventBridgeDelivering.drain(sqs, w.queueUrl(), -1, QUIET));
            return got.stream().map(Message::body).toList();
        }
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        List<String> got = EventBridgeDelivering.recorded(server, w.function());
        while (got.size() < expected && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(300));
            got = EventBridgeDelivering.recorded(server, w.function());
        }
        sleep(QUIET);
        return EventBridgeDelivering.recorded(server, w.function());
    }

    private static String bus(String kind, String name) {
        if (kind.equals("default")) {
            return "default";
        }
        events.createEventBus(b -> b.name(name));
        return name;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
