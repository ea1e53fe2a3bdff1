package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost through a mapping: a server killed with SIGKILL while messages flood
 * a queue that a mapping drains processes, after its restart, every message whose SendMessage got
 * its 200, and its mapping is Enabled again. The ledger is the function's own log lines (written
 * through to the operating system before the function answers, so a kill of Lamina keeps them),
 * read back after the last restart; delivery is at least once, so duplicates are counted, not refused.
 */
class EventSourceMappingCrashIT {
    static final int ROUNDS = 2;
    static final String FUNCTION = """
            exports.handler = async (event) => {
              for (const r of event.Records) { console.log('DONE ' + r.body); }
              return {};
            };
            """;

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedMessageIsProcessedAfterKillNineAndTheMappingIsEnabledAgain() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sequence = new AtomicInteger();
        String uuid;
        String queueUrl;
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda();
             SqsClient sqs = SqsTesting.client(server.endpoint())) {
            Functions.create(lambda, "drain", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js", FUNCTION)),
                    b -> b.timeout(3));
            queueUrl = sqs.createQueue(b -> b.queueName("flood")
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"))).queueUrl();
            uuid = lambda.createEventSourceMapping(b -> b.functionName("drain")
                    .eventSourceArn(SqsTesting.ARN_PREFIX + "flood").batchSize(10)).uuid();
            awaitEnabled(lambda, uuid);
            server.terminate();
        }
        for (int round = 0; round < ROUNDS; round++) {
            try (LaminaProcess server = LaminaProcess.start(dataDir); SqsClient sqs = SqsTesting.client(server.endpoint())) {
                String url = queueUrl;
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
                AtomicInteger failures = new AtomicInteger();
                for (int s = 0; s < 4; s++) {
                    senders.submit(() -> {
                        while (!Thread.currentThread().isInterrupted() && failures.get() <= 50) {
                            String body = "m-" + sequence.incrementAndGet();
                            try {
                                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
                                acknowledged.add(body);
                            } catch (RuntimeException e) {
                                failures.incrementAndGet(); // in flight when the server died: never acknowledged
                            }
                        }
                    });
                }
                // Long enough for a loaded two-core machine to acknowledge a few hundred messages.
                Thread.sleep(5000 + ThreadLocalRandom.current().nextInt(2000));
                server.kill();
                senders.shutdownNow();
                assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        }

        Set<String> processed = new HashSet<>();
        int lines;
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
            awaitEnabled(lambda, uuid);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            List<String> done = List.of();
            while (!processed.containsAll(acknowledged) && System.nanoTime() < deadline) {
                Thread.sleep(2000);
                done = doneLines(server.endpoint());
                processed.addAll(done);
            }
            lines = done.size();
            assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()).isEqualTo("Enabled");
            assertThat(server.terminate()).isIn(0, 143);
        }
        List<String> lost = new ArrayList<>(acknowledged);
        lost.removeAll(processed);
        assertThat(lost).as("acknowledged messages never processed").isEmpty();
        // A floor of work done, so that "none lost" means something; not a throughput target.
        assertThat(acknowledged).as("messages acknowledged").hasSizeGreaterThan(60);
        System.out.printf("EventSourceMappingCrashIT: %d messages acknowledged over %d kill -9, 0 lost, %d processings"
                + " (duplicates included)%n", acknowledged.size(), ROUNDS, lines);
    }

    static void awaitEnabled(LambdaClient lambda, String uuid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!lambda.getEventSourceMapping(b -> b.uuid(uuid)).state().equals("Enabled")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the mapping is not Enabled after 30 s");
            }
            Thread.sleep(200);
        }
    }

    /** The bodies the function logged as done, every stream, every page. */
    static List<String> doneLines(URI endpoint) {
        List<String> out = new ArrayList<>();
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/drain")).forEach(page -> page.events()
                    .forEach(e -> {
                        int at = e.message().indexOf("DONE ");
                        if (at >= 0) {
                            out.add(e.message().substring(at + 5).trim());
                        }
                    }));
        } catch (ResourceNotFoundException noGroupYet) {
            return List.of();
        }
        return out;
    }
}
