package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.lamina.it.EventBridgeTesting.BUS_ARN_PREFIX;
import static dev.lamina.it.EventBridgeTesting.RULE_ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bus, rule, target, tag and permission calls acknowledged is there after {@code kill -9}
 * and a restart on the same data directory, and the rules match events again: an event put on the
 * bus after the restart reaches the queue the surviving rule targets.
 */
class EventBridgeRulesCrashIT {
    static final int RULES = 20;

    @TempDir
    Path tmp;

    @Test
    void busesRulesTargetsAndTagsSurviveKillNineAndMatchAgain() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        String queueUrl;
        try (LaminaProcess server = LaminaProcess.start(dataDir);
             EventBridgeClient events = EventBridgeTesting.events(server.endpoint());
             SqsClient sqs = SqsTesting.client(server.endpoint())) {
            queueUrl = sqs.createQueue(b -> b.queueName("crash-target")).queueUrl();
            events.createEventBus(b -> b.name("crash-bus").description("survives")
                    .tags(Tag.builder().key("bus").value("tag").build()));
            events.putPermission(b -> b.eventBusName("crash-bus").action("events:PutEvents").principal("111122223333")
                    .statementId("partner"));
            for (int i = 0; i < RULES; i++) {
                String name = "rule-" + i;
                events.putRule(b -> b.name(name).eventBusName("crash-bus")
                        .eventPattern("{\"source\":[\"crash\"],\"detail\":{\"n\":[" + name.hashCode() + "]}}")
                        .tags(Tag.builder().key("n").value(name).build()));
            }
            events.putRule(b -> b.name("match-me").eventBusName("crash-bus").eventPattern("{\"source\":[\"crash\"]}"));
            events.putTargets(b -> b.rule("match-me").eventBusName("crash-bus").targets(
                    Target.builder().id("queue").arn(SqsTesting.ARN_PREFIX + "crash-target").build()));
            events.putRule(b -> b.name("off").eventPattern("{\"source\":[\"crash\"]}").state(RuleState.DISABLED));
            events.putRule(b -> b.name("tick").scheduleExpression("rate(1 day)"));
            // The last acknowledged change, then kill -9 at once: nothing may be waiting in memory.
            events.tagResource(b -> b.resourceARN(RULE_ARN_PREFIX + "crash-bus/match-me")
                    .tags(Tag.builder().key("last").value("write").build()));
            server.kill();
        }

        try (LaminaProcess server = LaminaProcess.start(dataDir);
             EventBridgeClient events = EventBridgeTesting.events(server.endpoint());
             SqsClient sqs = SqsTesting.client(server.endpoint())) {
            var bus = events.describeEventBus(b -> b.name("crash-bus"));
            assertThat(bus.description()).isEqualTo("survives");
            assertThat(bus.policy()).contains("arn:aws:iam::111122223333:root");
            assertThat(events.listTagsForResource(b -> b.resourceARN(BUS_ARN_PREFIX + "crash-bus")).tags())
                    .containsExactly(Tag.builder().key("bus").value("tag").build());

            List<String> names = new ArrayList<>();
            String token = null;
            do {
                String t = token;
                var page = events.listRules(b -> b.eventBusName("crash-bus").nextToken(t).limit(7));
                page.rules().forEach(r -> names.add(r.name()));
                token = page.nextToken();
            } while (token != null);
            assertThat(names).hasSize(RULES + 1).contains("match-me", "rule-0", "rule-" + (RULES - 1));
            var rule = events.describeRule(b -> b.name("rule-3").eventBusName("crash-bus"));
            assertThat(rule.eventPattern()).isEqualTo("{\"source\":[\"crash\"],\"detail\":{\"n\":[" + "rule-3".hashCode() + "]}}");
            assertThat(events.listTagsForResource(b -> b.resourceARN(RULE_ARN_PREFIX + "crash-bus/rule-3")).tags())
                    .containsExactly(Tag.builder().key("n").value("rule-3").build());
            assertThat(events.listTargetsByRule(b -> b.rule("match-me").eventBusName("crash-bus")).targets())
                    .singleElement().satisfies(t -> assertThat(t.arn()).isEqualTo(SqsTesting.ARN_PREFIX + "crash-target"));
            assertThat(events.listTagsForResource(b -> b.resourceARN(RULE_ARN_PREFIX + "crash-bus/match-me")).tags())
                    .containsExactly(Tag.builder().key("last").value("write").build());
            assertThat(events.describeRule(b -> b.name("off")).state()).isEqualTo(RuleState.DISABLED);
            assertThat(events.describeRule(b -> b.name("tick")).scheduleExpression()).isEqualTo("rate(1 day)");

            var put = events.putEvents(b -> b.entries(e -> e.eventBusName("crash-bus").source("crash")
                    .detailType("after the restart").detail("{\"n\":1}")));
            assertThat(put.failedEntryCount()).isZero();
            List<Message> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                received.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)).messages());
            }
            assertThat(received).as("the event matched by the rule that survived; log:\n%s", server.log())
                    .singleElement().satisfies(m -> assertThat(m.body()).contains("\"detail-type\":\"after the restart\""));
            assertThat(server.terminate()).isIn(0, 143);
        }
    }
}
