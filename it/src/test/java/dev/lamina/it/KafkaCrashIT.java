package dev.lamina.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EndPointType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A self-managed Kafka mapping survives {@code kill -9} in the middle of a flood: after each
 * restart on the same data directory the mapping is Enabled again, its poller rejoins the group and
 * resumes from the committed offsets, and in the end the group has committed every record the
 * broker acknowledged (offsets are committed only after the function succeeded, so every record
 * was processed at least once). The broker lives in the test's JVM and outlives every kill.
 */
class KafkaCrashIT {
    static final int KILLS = 2;
    static final String GROUP = "lamina-crash";

    @TempDir
    Path tmp;

    @Test
    void everyRecordIsCommittedAfterRepeatedKillNine() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        try (KafkaBroker kafka = KafkaBroker.start()) {
            kafka.createTopic("flood", 3);
            String uuid;
            try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
                Functions.create(lambda, "slow", "nodejs20.x", "index.handler", Zips.of(Map.of("index.js",
                        "exports.handler = async (e) => { await new Promise(r => setTimeout(r, 50));"
                                + " return Object.values(e.records).reduce((n, l) => n + l.length, 0); };\n")),
                        b -> b.timeout(10));
                uuid = lambda.createEventSourceMapping(b -> b.functionName("slow").topics("flood")
                        .selfManagedEventSource(s -> s.endpoints(Map.of(EndPointType.KAFKA_BOOTSTRAP_SERVERS,
                                List.of(kafka.bootstrap()))))
                        .selfManagedKafkaEventSourceConfig(c -> c.consumerGroupId(GROUP))
                        .startingPosition(EventSourcePosition.TRIM_HORIZON)
                        .batchSize(20)).uuid();
                server.terminate();
            }

            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicInteger acknowledged = new AtomicInteger();
            Future<?> flood;
            try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
                 KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                flood = executor.submit(() -> {
                    int i = 0;
                    while (producing.get()) {
                        producer.send(new ProducerRecord<>("flood", ("k" + i).getBytes(), ("v" + i).getBytes()))
                                .get(10, TimeUnit.SECONDS);
                        acknowledged.incrementAndGet();
                        i++;
                        Thread.sleep(2);
                    }
                    return null;
                });
                long committedBefore = 0;
                for (int round = 0; round < KILLS; round++) {
                    try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
                        await().atMost(Duration.ofSeconds(30)).until(() ->
                                lambda.getEventSourceMapping(b -> b.uuid(uuid)).state().equals("Enabled"));
                        long floor = committedBefore;
                        // Killed once this run has committed something of its own: batches are in flight.
                        await().atMost(Duration.ofSeconds(60)).until(() -> total(kafka.committed(GROUP)) > floor);
                        Thread.sleep(1000);
                        server.kill();
                    }
                    committedBefore = total(kafka.committed(GROUP));
                }
                producing.set(false);
                flood.get(30, TimeUnit.SECONDS);
            }

            try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
                Map<TopicPartition, Long> ends = kafka.endOffsets("flood", 3);
                assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(acknowledged.get());
                await().atMost(Duration.ofMinutes(2)).until(() -> kafka.committed(GROUP).equals(ends));
                assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()).isEqualTo("Enabled");
                assertThat(server.terminate()).isIn(0, 143);
            }
            System.out.printf("KafkaCrashIT: %d records acknowledged by the broker over %d kill -9, all committed%n",
                    acknowledged.get(), KILLS);
        }
    }

    private static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
