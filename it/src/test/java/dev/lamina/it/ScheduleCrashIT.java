package dev.lamina.it;

import dev.lamina.cli.Lamina;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule due while the server is down fires after the restart, exactly once: an {@code at()} a
 * few seconds ahead, {@code kill -9} before it, a restart after it; then another {@code kill -9} and
 * restart must not fire it again.
 */
class ScheduleCrashIT {
    @TempDir
    Path tmp;

    @Test
    void anAtMissedWhileDownFiresOnceAfterTheRestart() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        Instant at;
        String url;
        try (LaminaProcess server = LaminaProcess.start(dataDir); SqsClient sqs = SqsTesting.client(server.endpoint());
             SchedulerClient scheduler = EventBridgeTesting.scheduler(server.endpoint())) {
            role(server.endpoint());
            url = sqs.createQueue(b -> b.queueName("crash-schedule")).queueUrl();
            String queueArn = SqsTesting.attribute(sqs, url, QueueAttributeName.QUEUE_ARN);
            at = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
            String local = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
            scheduler.createSchedule(b -> b.name("while-down").scheduleExpression("at(" + local + ")")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn(queueArn).roleArn("arn:aws:iam::000000000000:role/crash-scheduler")
                            .input("{\"crash\": true}")));
            assertThat(Instant.now()).as("the schedule was acknowledged before its time").isBefore(at.minusSeconds(1));
            server.kill();
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), at.plusSeconds(2)).toMillis()));

        try (LaminaProcess server = LaminaProcess.start(dataDir); SqsClient sqs = SqsTesting.client(server.endpoint())) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName("crash-schedule")).queueUrl();
            List<Message> got = SqsTesting.receive(sqs, queueUrl, 1, Duration.ofSeconds(30));
            assertThat(got).as("the missed at() fired after the restart").hasSize(1);
            assertThat(got.getFirst().body()).isEqualTo("{\"crash\": true}");
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(got.getFirst().receiptHandle()));
            assertThat(SqsTesting.receive(sqs, queueUrl, 1, Duration.ofSeconds(4))).as("fired once").isEmpty();
            server.kill();
        }

        try (LaminaProcess server = LaminaProcess.start(dataDir); SqsClient sqs = SqsTesting.client(server.endpoint())) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName("crash-schedule")).queueUrl();
            assertThat(SqsTesting.receive(sqs, queueUrl, 1, Duration.ofSeconds(5)))
                    .as("not fired again after another restart").isEmpty();
        }
    }

    private static void role(URI endpoint) {
        StringWriter err = new StringWriter();
        int code = Lamina.run(Map.of("LAMINA_ROOT_ACCESS_KEY_ID", TestServer.KEYS.accessKeyId(),
                        "LAMINA_ROOT_SECRET_ACCESS_KEY", TestServer.KEYS.secretAccessKey(), "HOME", "/nonexistent"),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "admin", "--endpoint", endpoint.toString(), "create-role", "crash-scheduler", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\","
                        + "\"Resource\":\"*\"}]}");
        assertThat(code).as(err.toString()).isZero();
    }
}
