package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;

import static dev.lamina.it.StepFunctionsTesting.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An EventBridge rule whose target is a state machine: a matching event starts an execution with
 * the event (or the target's input transformation) as its input, when the target's RoleArn allows
 * states:StartExecution; otherwise the event goes to the target's dead-letter queue.
 */
class StepFunctionsEventBridgeIT extends ServerPerClass {
    static final Duration ARRIVAL = Duration.ofSeconds(30);
    static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    static EventBridgeClient events;
    static SfnClient sfn;
    static SqsClient sqs;
    static String starter;
    static String machine;

    @BeforeAll
    static void fixtures() {
        events = EventBridgeTesting.events(server.endpoint());
        sfn = StepFunctionsTesting.sfn(server.endpoint());
        sqs = SqsTesting.client(server.endpoint());
        machine = sfn.createStateMachine(b -> b.name("from-events").definition(PASS).roleArn(ROLE)).stateMachineArn();
        new Admin(server).ok("create-role", "events-starter", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"states:StartExecution",
                 "Resource":"%s"}]}""".formatted(machine));
        starter = "arn:aws:iam::" + TestServer.ACCOUNT + ":role/events-starter";
    }

    @AfterAll
    static void close() {
        events.close();
        sfn.close();
        sqs.close();
    }

    private static void rule(String bus, String source, Target target) {
        events.createEventBus(b -> b.name(bus));
        events.putRule(b -> b.name("r").eventBusName(bus).eventPattern("{\"source\":[\"" + source + "\"]}"));
        assertThat(events.putTargets(b -> b.rule("r").eventBusName(bus).targets(target)).failedEntryCount()).isZero();
    }

    private static String put(String bus, String source, String detail) {
        var r = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(bus).source(source)
                .detailType("order").detail(detail).build()));
        assertThat(r.failedEntryCount()).isZero();
        return r.entries().getFirst().eventId();
    }

    /** The machine's executions once there are {@code count} of them (or what there is after the wait). */
    private static List<ExecutionListItem> executions(int count) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        List<ExecutionListItem> found;
        do {
            found = sfn.listExecutions(b -> b.stateMachineArn(machine)).executions();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return found;
    }

    @Test
    void aMatchingEventStartsAnExecutionWithTheEventAsInputAndTheTransformedInput() throws Exception {
        rule("orders", "shop", Target.builder().id("sm").arn(machine).roleArn(starter).build());
        String id = put("orders", "shop", "{\"order\":7}");
        List<ExecutionListItem> started = executions(1);
        assertThat(started).hasSizeGreaterThanOrEqualTo(1);
        JsonNode input = EventBridgeDelivering.JSON.readTree(sfn.describeExecution(b -> b.executionArn(
                started.getFirst().executionArn())).input());
        assertThat(input.path("id").asText()).isEqualTo(id);
        assertThat(input.path("detail").path("order").asInt()).isEqualTo(7);

        rule("orders-path", "shop.path", Target.builder().id("sm").arn(machine).roleArn(starter).inputPath("$.detail")
                .build());
        put("orders-path", "shop.path", "{\"order\":8}");
        List<ExecutionListItem> both = executions(2);
        assertThat(both).hasSize(2);
        assertThat(sfn.describeExecution(b -> b.executionArn(both.getFirst().executionArn())).input())
                .isEqualTo("{\"order\":8}");
    }

    @Test
    void withoutAPermittedRoleTheEventGoesToTheDeadLetterQueue() throws Exception {
        String dlq = sqs.createQueue(b -> b.queueName("sfn-dlq")).queueUrl();
        rule("unpermitted", "nope", Target.builder().id("sm").arn(machine)
                .deadLetterConfig(d -> d.arn(EventBridgeDelivering.queueArn("sfn-dlq"))).build());
        String id = put("unpermitted", "nope", "{}");
        List<Message> dead = EventBridgeDelivering.drain(sqs, dlq, 1, ARRIVAL);
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(EventBridgeDelivering.JSON.readTree(m.body()).path("id").asText()).isEqualTo(id);
            assertThat(m.messageAttributes().get("ERROR_CODE").stringValue()).isEqualTo("NO_PERMISSIONS");
        });
    }
}
