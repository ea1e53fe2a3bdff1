package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Targets as AWS authorizes and fails them, seen from outside: what reaches a target, what reaches
 * its dead-letter queue, with which attributes.
 */
class EventBridgeTargetsIT extends ServerPerClass {
    static final Duration ARRIVAL = Duration.ofSeconds(30);
    static EventBridgeClient events;
    static SqsClient sqs;
    static String recorder;
    static String busWriter;

    @BeforeAll
    static void fixtures() {
        events = EventBridgeTesting.events(server.endpoint());
        sqs = SqsTesting.client(server.endpoint());
        recorder = EventBridgeDelivering.recorder(lambda, "eb-targets-recorder");
        new Admin(server).ok("create-role", "targets-bus-writer", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"events:PutEvents",
                 "Resource":"arn:aws:events:%s:%s:event-bus/targets-next"}]}""".formatted(TestServer.REGION,
                TestServer.ACCOUNT));
        busWriter = "arn:aws:iam::" + TestServer.ACCOUNT + ":role/targets-bus-writer";
    }

    @AfterAll
    static void close() {
        events.close();
        sqs.close();
    }

    /** A custom bus with one rule matching {@code source}, targeting {@code targets}; the rule's ARN. */
    static String rule(String bus, String source, Target... targets) {
        events.createEventBus(b -> b.name(bus));
        String arn = events.putRule(b -> b.name("r").eventBusName(bus)
                .eventPattern("{\"source\":[\"" + source + "\"]}")).ruleArn();
        assertThat(events.putTargets(b -> b.rule("r").eventBusName(bus).targets(targets)).failedEntryCount()).isZero();
        return arn;
    }

    static String put(String bus, String source, String detail) {
        var r = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(bus).source(source)
                .detailType("test").detail(detail).build()));
        assertThat(r.failedEntryCount()).isZero();
        return r.entries().getFirst().eventId();
    }

    static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    static Target target(String id, String arn, Consumer<Target.Builder> more) {
        Target.Builder b = Target.builder().id(id).arn(arn);
        more.accept(b);
        return b.build();
    }

    static Map<String, String> attributes(Message m) {
        return m.messageAttributes().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stringValue()));
    }

    static JsonNode json(String body) throws Exception {
        return EventBridgeDelivering.JSON.readTree(body);
    }

    @Test
    void aLambdaTargetWithoutPermissionIsNotInvokedAndItsEventGoesToTheDeadLetterQueue() throws Exception {
        String dlq = queue("no-permission-dlq");
        String ruleArn = rule("no-permission", "no.permission", target("fn", recorder,
                t -> t.deadLetterConfig(d -> d.arn(EventBridgeDelivering.queueArn("no-permission-dlq")))));
        String id = put("no-permission", "no.permission", "{\"n\":1}");
        List<Message> dead = EventBridgeDelivering.drain(sqs, dlq, 1, ARRIVAL);
        assertThat(dead).hasSize(1);
        assertThat(json(dead.getFirst().body()).path("id").asText()).isEqualTo(id);
        assertThat(attributes(dead.getFirst())).containsEntry("RULE_ARN", ruleArn).containsEntry("TARGET_ARN", recorder)
                .containsEntry("ERROR_CODE", "NO_PERMISSIONS").containsEntry("RETRY_ATTEMPTS", "0")
                .containsKey("ERROR_MESSAGE").doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
        assertThat(EventBridgeDelivering.recorded(server, "eb-targets-recorder"))
                .noneMatch(e -> e.contains(id));
    }

    @Test
    void aPermittedLambdaTargetReceivesTheEventThroughAnAsynchronousInvocation() throws Exception {
        String ruleArn = rule("permitted", "permitted.fn", target("fn", recorder, t -> { }));
        lambda.addPermission(b -> b.functionName("eb-targets-recorder").statementId("permitted")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(ruleArn));
        String id = put("permitted", "permitted.fn", "{\"n\":2}");
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (EventBridgeDelivering.recorded(server, "eb-targets-recorder").stream().noneMatch(e -> e.contains(id))
                && System.nanoTime() < deadline) {
            Thread.sleep(300);
        }
        assertThat(EventBridgeDelivering.recorded(server, "eb-targets-recorder")).filteredOn(e -> e.contains(id))
                .singleElement().satisfies(e -> assertThat(json(e).path("detail").path("n").asInt()).isEqualTo(2));
    }

    @Test
    void retryPoliciesBoundRetriesThenTheDeadLetterQueueSaysWhichLimitEndedThem() throws Exception {
        sqs.createQueue(b -> b.queueName("too-small").attributesWithStrings(Map.of("MaximumMessageSize", "1024")));
        String dlq = queue("retries-dlq");
        String small = EventBridgeDelivering.queueArn("too-small");
        String dlqArn = EventBridgeDelivering.queueArn("retries-dlq");
        rule("retries", "retries", target("none", small, t -> t.retryPolicy(p -> p.maximumRetryAttempts(0)
                        .maximumEventAgeInSeconds(60)).deadLetterConfig(d -> d.arn(dlqArn))),
                target("one", small, t -> t.retryPolicy(p -> p.maximumRetryAttempts(1).maximumEventAgeInSeconds(60))
                        .deadLetterConfig(d -> d.arn(dlqArn))));
        String id = put("retries", "retries", "{\"big\":\"" + "x".repeat(2000) + "\"}");
        List<Message> dead = EventBridgeDelivering.drain(sqs, dlq, 2, ARRIVAL);
        assertThat(dead).hasSize(2).allSatisfy(m -> {
            assertThat(json(m.body()).path("id").asText()).isEqualTo(id);
            assertThat(attributes(m)).containsEntry("ERROR_CODE", "SDK_CLIENT_ERROR")
                    .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts");
        });
        assertThat(dead).extracting(m -> attributes(m).get("RETRY_ATTEMPTS")).containsExactlyInAnyOrder("0", "1");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(sqs.getQueueUrl(q -> q.queueName("too-small")).queueUrl()))
                .messages()).isEmpty();
    }

    @Test
    void aFifoQueueTargetGetsItsMessageGroupId() throws Exception {
        String url = sqs.createQueue(b -> b.queueName("events.fifo").attributesWithStrings(Map.of("FifoQueue", "true")))
                .queueUrl();
        rule("fifo", "fifo", target("q", EventBridgeDelivering.queueArn("events.fifo"),
                t -> t.sqsParameters(p -> p.messageGroupId("group-7"))));
        String first = put("fifo", "fifo", "{\"n\":1}");
        String second = put("fifo", "fifo", "{\"n\":1}");
        List<Message> got = EventBridgeDelivering.drain(sqs, url, 2, ARRIVAL);
        assertThat(got).extracting(m -> m.attributesAsStrings().get("MessageGroupId")).containsOnly("group-7");
        assertThat(got).extracting(m -> json(m.body()).path("id").asText()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void anEventBusTargetPutsTheEventUnchangedOnlyWithAPermittedRole() throws Exception {
        String delivered = queue("next-bus-queue");
        events.createEventBus(b -> b.name("targets-next"));
        events.putRule(b -> b.name("r").eventBusName("targets-next").eventPattern("{\"source\":[\"to.bus\"]}"));
        events.putTargets(b -> b.rule("r").eventBusName("targets-next").targets(target("q",
                EventBridgeDelivering.queueArn("next-bus-queue"), t -> { })));
        String dlq = queue("bus-dlq");
        String next = EventBridgeTesting.BUS_ARN_PREFIX + "targets-next";
        rule("to-bus", "to.bus",
                target("allowed", next, t -> t.roleArn(busWriter)),
                target("no-role", next, t -> t.deadLetterConfig(d -> d.arn(EventBridgeDelivering.queueArn("bus-dlq")))),
                target("unknown-role", next, t -> t.roleArn("arn:aws:iam::" + TestServer.ACCOUNT + ":role/nobody")
                        .deadLetterConfig(d -> d.arn(EventBridgeDelivering.queueArn("bus-dlq")))));
        String id = put("to-bus", "to.bus", "{\"k\":\"v\"}");
        List<Message> got = EventBridgeDelivering.drain(sqs, delivered, 1, ARRIVAL);
        got.addAll(EventBridgeDelivering.drain(sqs, delivered, -1, Duration.ofSeconds(2)));
        assertThat(got).singleElement().satisfies(m -> {
            JsonNode event = json(m.body());
            assertThat(event.path("id").asText()).isEqualTo(id);
            assertThat(event.path("source").asText()).isEqualTo("to.bus");
            assertThat(event.path("detail").toString()).isEqualTo("{\"k\":\"v\"}");
        });
        List<Message> dead = EventBridgeDelivering.drain(sqs, dlq, 2, ARRIVAL);
        assertThat(dead).hasSize(2).allSatisfy(m -> assertThat(attributes(m))
                .containsEntry("ERROR_CODE", "NO_PERMISSIONS").containsEntry("TARGET_ARN", next));
    }

    @Test
    void aStepFunctionsTargetWhoseMachineDoesNotExistSendsItsEventToTheDeadLetterQueue() throws Exception {
        String dlq = queue("states-dlq");
        String machine = "arn:aws:states:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":stateMachine:m";
        rule("states", "states", target("sm", machine, t -> t.roleArn(busWriter)
                .deadLetterConfig(d -> d.arn(EventBridgeDelivering.queueArn("states-dlq")))));
        String id = put("states", "states", "{}");
        assertThat(EventBridgeDelivering.drain(sqs, dlq, 1, ARRIVAL)).singleElement().satisfies(m -> {
            assertThat(json(m.body()).path("id").asText()).isEqualTo(id);
            assertThat(attributes(m)).containsEntry("ERROR_CODE", "NO_RESOURCE").containsEntry("TARGET_ARN", machine);
        });
    }
}
