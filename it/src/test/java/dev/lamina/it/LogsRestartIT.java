package dev.lamina.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Log groups, their settings and their events are still there after the server restarts. */
class LogsRestartIT {
    @Test
    void groupsStreamsRetentionAndEventsSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-data-");
        long now = System.currentTimeMillis();
        try (TestServer server = TestServer.start(dir); CloudWatchLogsClient logs = server.logs()) {
            logs.createLogGroup(b -> b.logGroupName("/test/durable").kmsKeyId("alias/mine"));
            logs.putRetentionPolicy(b -> b.logGroupName("/test/durable").retentionInDays(30));
            logs.createLogStream(b -> b.logGroupName("/test/durable").logStreamName("s"));
            logs.putLogEvents(b -> b.logGroupName("/test/durable").logStreamName("s").logEvents(
                    InputLogEvent.builder().timestamp(now - 1).message("before\nthe restart").build(),
                    InputLogEvent.builder().timestamp(now).message("second").build()));
        }
        try (TestServer server = TestServer.start(dir); CloudWatchLogsClient logs = server.logs()) {
            LogGroup g = logs.describeLogGroups(b -> b.logGroupNamePrefix("/test/durable")).logGroups().getFirst();
            assertThat(g.retentionInDays()).isEqualTo(30);
            assertThat(g.kmsKeyId()).isEqualTo("alias/mine");
            assertThat(g.storedBytes()).isPositive();
            List<String> messages = logs.getLogEvents(b -> b.logGroupName("/test/durable").logStreamName("s")
                    .startFromHead(true)).events().stream().map(OutputLogEvent::message).toList();
            assertThat(messages).containsExactly("before\nthe restart", "second");
            logs.putLogEvents(b -> b.logGroupName("/test/durable").logStreamName("s").logEvents(
                    InputLogEvent.builder().timestamp(now + 1).message("after").build()));
            assertThat(logs.describeLogStreams(b -> b.logGroupName("/test/durable")).logStreams().getFirst()
                    .lastEventTimestamp()).isEqualTo(now + 1);
        }
    }
}
