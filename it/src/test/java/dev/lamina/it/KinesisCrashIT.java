package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kinesis mapping's checkpoints survive SIGKILL: a server killed while its function works through
 * a stream processes, after the restart, every record of the stream (at least once), resuming from
 * its checkpoints rather than from the start. The ledger is the function's log, which appends reach
 * the operating system at once (a killed process loses none of it).
 */
class KinesisCrashIT {
    static final int RECORDS = 200;

    @TempDir
    Path tmp;

    @Test
    void everyRecordIsProcessedAfterAKillNineMidStream() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        try (KinesisServer kinesis = KinesisServer.start()) {
            String arn = kinesis.createStream("flood", 2);
            for (int i = 0; i < RECORDS; i++) {
                kinesis.put("flood", "key-" + (i % 7), "r-" + i);
            }
            List<String> options = List.of("--kinesis-endpoint", kinesis.endpoint().toString());
            String uuid;
            int beforeKill;
            try (LaminaProcess server = LaminaProcess.start(dataDir, options); LambdaClient lambda = server.lambda()) {
                Functions.create(lambda, "slow-consumer", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js",
                        "exports.handler = async (e) => { for (const r of e.Records) { console.log('GOT '"
                                + " + Buffer.from(r.kinesis.data, 'base64').toString()); }"
                                + " await new Promise(res => setTimeout(res, 200)); return {}; };\n")), b -> b.timeout(10));
                uuid = lambda.createEventSourceMapping(b -> b.functionName("slow-consumer").eventSourceArn(arn)
                        .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(5)).uuid();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (seen(server).size() < 30 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                beforeKill = seen(server).size();
                server.kill();
            }
            assertThat(beforeKill).as("records processed before the kill").isBetween(30, RECORDS - 20);
            try (LaminaProcess server = LaminaProcess.start(dataDir, options); LambdaClient lambda = server.lambda()) {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (seen(server).size() < RECORDS && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()).isEqualTo("Enabled");
                List<String> lines = lines(server);
                Set<String> seen = new HashSet<>(lines);
                List<String> missing = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    if (!seen.contains("r-" + i)) {
                        missing.add("r-" + i);
                    }
                }
                assertThat(missing).as("records never processed").isEmpty();
                // Resumed from the checkpoints: at most the batches in flight at the kill ran twice.
                assertThat(lines.size() - RECORDS).as("records processed twice").isLessThanOrEqualTo(2 * 5 * 2);
                server.terminate();
            }
        }
    }

    static Set<String> seen(LaminaProcess server) {
        return new HashSet<>(lines(server));
    }

    /** The records the function logged, in log order, with repeats. */
    static List<String> lines(LaminaProcess server) {
        List<String> out = new ArrayList<>();
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(server.endpoint())
                .region(software.amazon.awssdk.regions.Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/slow-consumer"))
                    .forEach(page -> page.events().stream().map(FilteredLogEvent::message)
                            .filter(m -> m.contains("GOT "))
                            .forEach(m -> out.add(m.substring(m.indexOf("GOT ") + 4).trim())));
        } catch (ResourceNotFoundException noGroupYet) {
            return List.of();
        }
        return out;
    }
}
