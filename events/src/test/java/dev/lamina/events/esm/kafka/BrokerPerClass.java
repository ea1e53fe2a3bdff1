package dev.lamina.events.esm.kafka;

import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.SourcePoller;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * One real single-node broker per test class, a producer for it, and pollers with short backoffs
 * that are closed after each test. Each test uses topics of its own.
 */
abstract class BrokerPerClass {

    static final KafkaTiming FAST = new KafkaTiming(Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5));

    static TestBroker broker;
    static KafkaProducer<byte[], byte[]> producer;
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private final List<SourcePoller> pollers = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start();
        producer = broker.producer();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        producer.close(Duration.ofSeconds(2));
        broker.close();
    }

    @AfterEach
    void closePollers() {
        pollers.forEach(SourcePoller::close);
    }

    static String topic(int partitions) throws Exception {
        String name = "t" + TOPICS.incrementAndGet();
        broker.createTopic(name, partitions);
        return name;
    }

    SourcePoller start(RecordingContext context) {
        SourcePoller poller = new KafkaPollerFactory(FAST).create(context);
        pollers.add(poller);
        poller.start();
        return poller;
    }

    static RecordMetadata send(String topic, Integer partition, String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
    }

    static Map<TopicPartition, Long> committed(MappingSettings settings) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : broker.committed(settings.uuid()).entrySet()) {
            if (e.getValue() != null) {
                offsets.put(e.getKey(), e.getValue().offset());
            }
        }
        return offsets;
    }
}
