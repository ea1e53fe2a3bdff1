package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every recorded {@code schedule-expression} case against the real server: EventBridge's through
 * PutRule and DescribeRule, Scheduler's through CreateSchedule and GetSchedule. A valid expression
 * is answered unchanged under AWS's ARN; an invalid one fails with the recorded error code (and, for
 * reference, AWS's message, which is compared too).
 */
class EventBridgeScheduleExpressionConformanceIT extends ServerPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:dummy";
    private static final String ROLE = "arn:aws:iam::000000000000:role/role-name";
    private static final AtomicInteger NAMES = new AtomicInteger();
    static EventBridgeClient events;
    static SchedulerClient scheduler;

    @BeforeAll
    static void clients() {
        events = EventBridgeTesting.events(server.endpoint());
        scheduler = EventBridgeTesting.scheduler(server.endpoint());
    }

    @AfterAll
    static void closeClients() {
        events.close();
        scheduler.close();
    }

    static List<JsonNode> cases(String kind) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : JSON.readTree(EventBridgeTesting.conformanceCases().toFile()).get("cases")) {
            if (c.path("kind").asText().equals(kind)) {
                out.add(c);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyScheduleExpressionCase() throws IOException {
        List<JsonNode> cases = cases("schedule-expression");
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> {
            if (c.get("service").asText().equals("events")) {
                events(c);
            } else {
                scheduler(c);
            }
        }));
    }

    private static void events(JsonNode c) {
        String expression = c.get("expression").asText();
        String name = "expr-" + NAMES.incrementAndGet();
        if (c.get("valid").asBoolean()) {
            String arn = events.putRule(b -> b.name(name).scheduleExpression(expression)).ruleArn();
            assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/" + name);
            assertThat(events.describeRule(b -> b.name(name)).scheduleExpression()).isEqualTo(expression);
            events.deleteRule(b -> b.name(name));
        } else {
            AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
                    () -> events.putRule(b -> b.name(name).scheduleExpression(expression)));
            assertThat(e).as("PutRule(%s) must fail", expression).isNotNull();
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(c.get("expected_error").asText());
            assertThat(e.statusCode()).isEqualTo(400);
            if (c.hasNonNull("aws_message")) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(c.get("aws_message").asText());
            }
        }
    }

    private static void scheduler(JsonNode c) {
        String expression = c.get("expression").asText();
        String name = "expr-" + NAMES.incrementAndGet();
        JsonNode window = c.path("flexible_window");
        Runnable create = () -> scheduler.createSchedule(b -> b.name(name).scheduleExpression(expression)
                .flexibleTimeWindow(w -> {
                    w.mode(FlexibleTimeWindowMode.fromValue(window.path("Mode").asText("OFF")));
                    if (window.has("MaximumWindowInMinutes")) {
                        w.maximumWindowInMinutes(window.get("MaximumWindowInMinutes").asInt());
                    }
                })
                .target(t -> t.arn(FUNCTION).roleArn(ROLE)));
        if (c.get("valid").asBoolean()) {
            create.run();
            var got = scheduler.getSchedule(b -> b.name(name));
            assertThat(got.arn()).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/" + name);
            assertThat(got.scheduleExpression()).isEqualTo(expression);
            scheduler.deleteSchedule(b -> b.name(name));
        } else {
            AwsServiceException e = catchThrowableOfType(AwsServiceException.class, create::run);
            assertThat(e).as("CreateSchedule(%s) must fail", expression).isNotNull();
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(c.get("expected_error").asText());
            assertThat(e.statusCode()).isEqualTo(400);
            if (c.hasNonNull("aws_message")) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(c.get("aws_message").asText());
            }
        }
    }
}
