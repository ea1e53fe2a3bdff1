package dev.lamina.events.esm.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.SourcePoller;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A broker that goes down and comes back (its own broker: the test stops it). */
class KafkaPollerBrokerDownTest {

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static void send(String topic, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            producer.send(new ProducerRecord<>(topic, 0, null, value.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBrokerThatIsDownIsReportedAndThePollerCarriesOnWhenItIsBack() throws Exception {
        broker.createTopic("down", 1);
        send("down", "before");
        MappingSettings settings = RecordingContext.settings(broker.bootstrap(), "down", "TRIM_HORIZON", 10,
                Duration.ofMillis(200), List.of(), -1);
        RecordingContext context = new RecordingContext(settings);
        try (SourcePoller poller = new KafkaPollerFactory(BrokerPerClass.FAST).create(context)) {
            poller.start();
            await().atMost(30, TimeUnit.SECONDS).until(() -> context.seen().size() == 1);
            await().atMost(30, TimeUnit.SECONDS).until(() -> broker.committed(settings.uuid()).size() == 1);

            broker.down();
            await().atMost(60, TimeUnit.SECONDS).until(() -> !context.unavailable.isEmpty());
            assertThat(context.unavailable.getFirst()).startsWith("PROBLEM: Connection error.");

            broker.up();
            send("down", "after");
            await().atMost(60, TimeUnit.SECONDS).until(() -> context.seen().size() >= 2);
            assertThat(context.seen()).extracting(RecordingContext.Seen::value).containsExactly("before", "after");
            await().atMost(30, TimeUnit.SECONDS).until(() ->
                    broker.committed(settings.uuid()).get(new TopicPartition("down", 0)).offset() == 2L);
        }
    }

    @Test
    void aClusterThatCannotBeReachedAtAllIsReportedAndClosingStillEndsThePoller() throws Exception {
        MappingSettings settings = RecordingContext.settings("127.0.0.1:1", "nowhere", "LATEST", 10,
                Duration.ofMillis(200), List.of(), -1);
        RecordingContext context = new RecordingContext(settings);
        SourcePoller poller = new KafkaPollerFactory(BrokerPerClass.FAST).create(context);
        poller.start();
        await().atMost(60, TimeUnit.SECONDS).until(() -> !context.unavailable.isEmpty());
        Thread closer = Thread.ofVirtual().start(poller::close);
        closer.join(Duration.ofSeconds(30));
        assertThat(closer.isAlive()).isFalse();
        assertThat(context.events).isEmpty();
    }
}
