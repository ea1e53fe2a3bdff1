package dev.lamina.events.esm.sqs;

import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.PollerContext;
import dev.lamina.events.esm.PollerFactory;
import dev.lamina.events.esm.SourcePoller;
import dev.lamina.sqs.QueueInfo;
import dev.lamina.sqs.Queues;

/**
 * Pollers of Lamina's built-in queues. A mapping without ScalingConfig.MaximumConcurrency gets at
 * most {@link #DEFAULT_MAX_CONCURRENCY} concurrent batches: AWS scales to a thousand pollers, which
 * on one machine would only take every execution slot from the functions' other callers.
 */
public final class SqsPollerFactory implements PollerFactory {
    /** Concurrent batches of a mapping without MaximumConcurrency (documented in docs/EVENT_SOURCES.md). */
    public static final int DEFAULT_MAX_CONCURRENCY = 10;

    private final Queues queues;

    public SqsPollerFactory(Queues queues) {
        this.queues = queues;
    }

    @Override
    public boolean handles(MappingSettings settings) {
        return settings.sqs();
    }

    @Override
    public SourcePoller create(PollerContext context) {
        MappingSettings s = context.settings();
        boolean fifo = queues.byArn(s.eventSourceArn().orElseThrow()).map(QueueInfo::fifo)
                .orElseGet(() -> s.eventSourceArn().get().endsWith(".fifo"));
        return new SqsPoller(context, queues, s.maximumConcurrency().orElse(DEFAULT_MAX_CONCURRENCY), fifo);
    }
}
