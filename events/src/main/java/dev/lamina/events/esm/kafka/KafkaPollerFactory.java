package dev.lamina.events.esm.kafka;

import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.PollerContext;
import dev.lamina.events.esm.PollerFactory;
import dev.lamina.events.esm.SourcePoller;
import java.util.Objects;

/**
 * Makes the pollers of self-managed Apache Kafka mappings (SelfManagedEventSource with
 * KAFKA_BOOTSTRAP_SERVERS): one consumer, in the mapping's consumer group, per enabled mapping. The
 * group keeps the offsets (committed after the function succeeded), so a poller needs no
 * checkpoints of Lamina's own.
 */
public final class KafkaPollerFactory implements PollerFactory {

    private final KafkaTiming timing;

    /** With Lambda's retry and backoff timing. */
    public KafkaPollerFactory() {
        this(KafkaTiming.DEFAULT);
    }

    KafkaPollerFactory(KafkaTiming timing) {
        this.timing = Objects.requireNonNull(timing);
    }

    @Override
    public boolean handles(MappingSettings settings) {
        return settings.selfManagedKafka();
    }

    /** Throws {@link IllegalArgumentException} when a filter pattern is invalid (validated before a mapping is stored). */
    @Override
    public SourcePoller create(PollerContext context) {
        if (!handles(context.settings())) {
            throw new IllegalArgumentException("not a self-managed Kafka mapping: " + context.settings().uuid());
        }
        return new KafkaPoller(context, timing);
    }
}
