package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code aws logs tail}, the AWS CLI v2's own command (it pages FilterLogEvents with interleaved,
 * startTime from --since and filterPattern, and with --follow polls every five seconds from the newest
 * timestamp it saw, dropping event ids it already printed), against Lamina as against AWS.
 */
class LogsTailIT extends ServerPerClass {
    @TempDir
    static Path home;
    static AwsCli aws;
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void deploy() {
        aws = new AwsCli(server.endpoint(), home);
        aws.version();
        logs = server.logs();
        Functions.create(lambda, "tail-node", "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.memorySize(256));
        Functions.create(lambda, "tail-python", "python3.12", "app.handler", Packages.python(), b -> b.memorySize(256));
    }

    @AfterAll
    static void closeClient() {
        logs.close();
    }

    static String marker() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void tailSinceShowsTheFunctionsLinesAndTheFilterPatternKeepsOnlyMatchingOnes() {
        String wanted = marker();
        String other = marker();
        Functions.Invocation first = Functions.invoke(lambda, "tail-node", "{\"action\":\"echo\",\"m\":\"" + wanted + "\"}");
        Functions.invoke(lambda, "tail-node", "{\"action\":\"echo\",\"m\":\"" + other + "\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String all = aws.logs("tail", "/aws/lambda/tail-node", "--since", "5m").succeeded().stdout();
            assertThat(all).contains(wanted, other, "START RequestId: " + first.requestId());
        });
        String filtered = aws.logs("tail", "/aws/lambda/tail-node", "--since", "5m", "--filter-pattern", wanted)
                .succeeded().stdout();
        assertThat(filtered).contains(wanted).doesNotContain(other).doesNotContain("START RequestId");
        // The detailed format: time, stream, message.
        assertThat(filtered.lines().filter(l -> l.contains(wanted)).findFirst().orElseThrow())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\S+ \\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]+ .*" + wanted + ".*");
    }

    @Test
    void sinceLeavesOutWhatIsOlder() {
        String group = "/test/tail-since-" + marker();
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        long now = System.currentTimeMillis();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                InputLogEvent.builder().timestamp(now - 2 * 3_600_000L).message("two hours ago").build(),
                InputLogEvent.builder().timestamp(now - 60_000).message("a minute ago").build()));
        String out = aws.logs("tail", group, "--since", "1h", "--format", "short").succeeded().stdout();
        assertThat(out).contains("a minute ago").doesNotContain("two hours ago");
        assertThat(aws.logs("tail", group, "--since", "3h").succeeded().stdout()).contains("two hours ago", "a minute ago");
    }

    @Test
    void followPrintsTheLinesOfAnInvocationMadeWhileItRuns() throws Exception {
        String tag = marker();
        // The group must exist, as on AWS (tail of a missing group is ResourceNotFoundException).
        Functions.invoke(lambda, "tail-python", "{\"action\":\"echo\",\"m\":\"" + tag + " before\"}");
        Path out = Files.createTempFile(home, "follow", ".txt");
        Process follow = aws.startLogs(out, "tail", "/aws/lambda/tail-python", "--follow", "--since", "5m",
                "--filter-pattern", tag);
        try {
            // Its first page printed the earlier line: it is now polling.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(out))
                    .as("stderr: %s", errors()).contains(tag + " before"));
            Functions.Invocation r = Functions.invoke(lambda, "tail-python",
                    "{\"action\":\"echo\",\"m\":\"" + tag + " during\"}");
            assertThat(r.functionError()).isNull();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(out))
                    .contains(tag + " during"));
            assertThat(follow.isAlive()).as("--follow keeps following").isTrue();
            String printed = Files.readString(out);
            assertThat(printed.lines().filter(l -> l.contains(tag + " before"))).as("printed once").hasSize(1);
            assertThat(printed.lines().filter(l -> l.contains(tag + " during"))).as("printed once").hasSize(1);
        } finally {
            follow.destroy();
            if (!follow.waitFor(10, TimeUnit.SECONDS)) {
                follow.destroyForcibly();
            }
        }
    }

    private static String errors() throws java.io.IOException {
        Path err = home.resolve("follow-err.txt");
        return Files.exists(err) ? Files.readString(err) : "";
    }
}
