package dev.lamina.events.esm.kafka;

import dev.lamina.events.esm.MappingSettings;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The consumer configuration of one mapping's poller. */
final class ConsumerProperties {

    /** A function may run 15 minutes; the consumer must stay in its group meanwhile. */
    static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(16);

    private ConsumerProperties() {
    }

    /**
     * The group is SelfManagedKafkaEventSourceConfig.ConsumerGroupId, else the mapping's UUID (as
     * Lambda does). Offsets are committed by the poller alone, after the function succeeded; a
     * partition without a committed offset starts at StartingPosition (the poller seeks it; the
     * reset policy is the same choice for partitions it does not see assigned). Topics are never
     * created by the poller.
     */
    static Properties of(MappingSettings settings, KafkaTiming timing) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", settings.kafkaBootstrapServers()));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(settings));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "lamina-esm-" + settings.uuid());
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, earliest(settings) ? "earliest" : "latest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(1, settings.batchSize())));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(MAX_POLL_INTERVAL.toMillis()));
        // A poller that died with its server (kill -9) holds its partitions until its session ends:
        // ten seconds rather than Kafka's 45, so a restarted Lamina resumes soon.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timing.apiTimeout().toMillis()));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timing.apiTimeout().toMillis()));
        // A topic created after the mapping is found within half a minute, not Kafka's default five.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "30000");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    static String groupId(MappingSettings settings) {
        return settings.consumerGroupId().orElse(settings.uuid());
    }

    /** TRIM_HORIZON reads a new group's partitions from their start; LATEST (the default) from now on. */
    static boolean earliest(MappingSettings settings) {
        return settings.startingPosition().map("TRIM_HORIZON"::equals).orElse(false);
    }
}
