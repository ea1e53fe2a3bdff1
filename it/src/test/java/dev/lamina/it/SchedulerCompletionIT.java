package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A one-time schedule's ActionAfterCompletion, in real time: an {@code at()} a few seconds ahead
 * delivers its Input to an SQS queue once; then the DELETE schedule is gone and the NONE one stays.
 */
class SchedulerCompletionIT extends ServerPerClass {
    static SchedulerClient scheduler;
    static SqsClient sqs;

    @BeforeAll
    static void clients() {
        scheduler = EventBridgeTesting.scheduler(server.endpoint());
        sqs = SqsTesting.client(server.endpoint());
        new Admin(server).ok("create-role", "completion-sqs", "--policy-document", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}""");
    }

    @AfterAll
    static void close() {
        scheduler.close();
        sqs.close();
    }

    private static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static void at(String name, Instant when, String queueUrl, ActionAfterCompletion after) {
        String arn = SqsTesting.attribute(sqs, queueUrl, QueueAttributeName.QUEUE_ARN);
        String local = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(when, ZoneOffset.UTC));
        scheduler.createSchedule(b -> b.name(name).scheduleExpression("at(" + local + ")")
                .actionAfterCompletion(after).flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(arn).roleArn("arn:aws:iam::000000000000:role/completion-sqs")
                        .input("{\"schedule\":\"" + name + "\"}")));
    }

    @Test
    void aOneTimeScheduleWithDeleteIsGoneAfterItFiredAndOneWithNoneStays() {
        Instant when = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String deleteQueue = queue("completion-delete");
        String keepQueue = queue("completion-keep");
        at("once-delete", when, deleteQueue, ActionAfterCompletion.DELETE);
        at("once-keep", when, keepQueue, ActionAfterCompletion.NONE);

        List<Message> deleted = SqsTesting.receive(sqs, deleteQueue, 1, Duration.ofSeconds(60));
        List<Message> kept = SqsTesting.receive(sqs, keepQueue, 1, Duration.ofSeconds(60));
        assertThat(deleted).extracting(Message::body).containsExactly("{\"schedule\":\"once-delete\"}");
        assertThat(kept).extracting(Message::body).containsExactly("{\"schedule\":\"once-keep\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThatThrownBy(() -> scheduler.getSchedule(b -> b.name("once-delete")))
                        .isInstanceOf(ResourceNotFoundException.class));
        assertThat(scheduler.getSchedule(b -> b.name("once-keep")).actionAfterCompletion())
                .isEqualTo(ActionAfterCompletion.NONE);
    }
}
