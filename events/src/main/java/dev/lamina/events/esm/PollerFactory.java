package dev.lamina.events.esm;

/** Makes the pollers of one kind of source (SQS, Kinesis, Kafka). */
public interface PollerFactory {

    /** Whether this factory reads the mapping's source. */
    boolean handles(MappingSettings settings);

    /** A new, not yet started, poller for the mapping in {@code context}. */
    SourcePoller create(PollerContext context);
}
