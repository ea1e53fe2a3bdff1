package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * EventBridge's promise across {@code kill -9}: every event PutEvents accepted (an entry with an
 * EventId) reaches the rule's SQS target at least once, also when the server was killed between
 * the acknowledgement and the delivery. The ledger is the test's own: the event ids acknowledged.
 */
class EventBridgeCrashIT {
    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedEventIsDeliveredAfterKillNine() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int cutOff;
        try (LaminaProcess server = LaminaProcess.start(dataDir);
             EventBridgeClient events = EventBridgeTesting.events(server.endpoint());
             SqsClient sqs = SqsTesting.client(server.endpoint())) {
            sqs.createQueue(b -> b.queueName("crash-target"));
            events.createEventBus(b -> b.name("crash"));
            events.putRule(b -> b.name("all").eventBusName("crash").eventPattern("{\"source\":[\"crash.test\"]}"));
            events.putTargets(b -> b.rule("all").eventBusName("crash").targets(t -> t.id("q")
                    .arn(EventBridgeDelivering.queueArn("crash-target"))));
            cutOff = flood(server, events, acknowledged);
        }

        try (LaminaProcess server = LaminaProcess.start(dataDir); SqsClient sqs = SqsTesting.client(server.endpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName("crash-target")).queueUrl();
            Map<String, Integer> seen = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!seen.keySet().containsAll(acknowledged) && System.nanoTime() < deadline) {
                for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages()) {
                    String id = EventBridgeDelivering.JSON.readTree(m.body()).path("id").asText();
                    seen.merge(id, 1, Integer::sum);
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                }
            }
            List<String> lost = new ArrayList<>(acknowledged);
            lost.removeAll(seen.keySet());
            assertThat(lost).as("acknowledged events never delivered after kill -9").isEmpty();
            assertThat(acknowledged).as("a floor of work done, so that none lost means something").hasSizeGreaterThan(200);
            System.out.printf("EventBridgeCrashIT: %d events acknowledged, %d calls cut off by kill -9, 0 lost,"
                            + " %d delivered twice, %d unacknowledged delivered%n", acknowledged.size(), cutOff,
                    seen.values().stream().filter(n -> n > 1).count(),
                    seen.keySet().stream().filter(id -> !acknowledged.contains(id)).count());
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    /** PutEvents from 16 callers at once, 10 entries a call, until the server is killed mid-flood. */
    private static int flood(LaminaProcess server, EventBridgeClient events, Set<String> acknowledged)
            throws Exception {
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        for (int c = 0; c < 16; c++) {
            callers.submit(() -> {
                while (!Thread.currentThread().isInterrupted() && failures.get() <= 50) {
                    List<PutEventsRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        entries.add(PutEventsRequestEntry.builder().eventBusName("crash").source("crash.test")
                                .detailType("flood").detail("{\"n\":" + sequence.incrementAndGet() + "}").build());
                    }
                    try {
                        PutEventsResponse r = events.putEvents(b -> b.entries(entries));
                        for (PutEventsResultEntry e : r.entries()) {
                            if (e.errorCode() == null && e.eventId() != null) {
                                acknowledged.add(e.eventId());
                            }
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet(); // in flight when the server died: never acknowledged
                    }
                }
            });
        }
        Thread.sleep(3000 + ThreadLocalRandom.current().nextInt(2000));
        server.kill();
        callers.shutdownNow();
        assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return failures.get();
    }
}
