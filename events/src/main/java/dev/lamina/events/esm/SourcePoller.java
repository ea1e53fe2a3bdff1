package dev.lamina.events.esm;

/**
 * Reads one enabled event source mapping's source and hands its records to the function, in
 * batches, with the source's own rules (a queue's visibility and redrive; a stream's order,
 * retries, bisection and checkpoints; a Kafka consumer group's offsets). One poller per enabled
 * mapping; {@link PollerFactory} makes them, the mapping supervisor starts and closes them.
 *
 * <p>Lifecycle: made, {@link #start}ed once, {@link #close}d once (on disable, delete, update or
 * server stop; a changed mapping gets a new poller). A poller never lets a failing function, a
 * source that is down or one bad record stop it: it reports through
 * {@link PollerContext#status()} and retries with backoff.
 */
public interface SourcePoller extends AutoCloseable {

    /** Starts polling on the poller's own (virtual) threads and returns at once. */
    void start();

    /**
     * Stops polling and waits (bounded, a few seconds) for the batches in flight to end; what they
     * finished is checkpointed or deleted, what they did not finish is seen again after a restart
     * (at least once). Never throws.
     */
    @Override
    void close();
}
