package dev.lamina.events.esm.kafka;

import dev.lamina.events.esm.PollerContext;
import dev.lamina.events.esm.SourcePoller;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One self-managed Kafka mapping's poller: one consumer in the mapping's group, used by this
 * poller's one thread only (a KafkaConsumer is not thread-safe; {@link #close} touches it only
 * through {@code wakeup}, the one call Kafka allows from another thread).
 *
 * <p>The thread gathers a batch ({@link Gatherer}), delivers and commits it ({@link Delivery}), and
 * so on. A cluster that cannot be reached never ends it: a consumer's poll does not fail when the
 * brokers are gone, so after {@link KafkaTiming#idleProbe} without a record the poller asks for the
 * topic list; when that times out (or the consumer cannot be built) it reports
 * {@link #CONNECTION_ERROR} and retries with backoff, and once the cluster answers again it carries
 * on from the group's committed offsets.
 */
final class KafkaPoller implements SourcePoller {

    /** LastProcessingResult when the cluster cannot be reached, in Lambda's words. */
    static final String CONNECTION_ERROR = "PROBLEM: Connection error. Please check your event source connection configuration.";

    /** When a subscribed topic does not exist in the cluster. */
    static final String TOPIC_NOT_FOUND = "PROBLEM: Topic not found. Please check that the topic exists in the cluster.";

    /** Lambda's batching window for Kafka when the mapping sets none. */
    static final Duration DEFAULT_WINDOW = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPoller.class);

    private final PollerContext context;
    private final KafkaTiming timing;
    private final ValueFilter filter;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch closeSignal = new CountDownLatch(1);
    private volatile PollerState state = PollerState.MADE;
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread thread;

    KafkaPoller(PollerContext context, KafkaTiming timing) {
        this.context = context;
        this.timing = timing;
        this.filter = ValueFilter.of(context.settings().filterPatterns());
    }

    @Override
    public void start() {
        lock.lock();
        try {
            state = state.on(PollerState.Event.START);
            long startMillis = context.clock().millis();
            thread = Thread.ofVirtual().name("kafka-poller-" + context.settings().uuid()).start(() -> run(startMillis));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            if (state == PollerState.CLOSING || state == PollerState.CLOSED) {
                return;
            }
            state = state.on(PollerState.Event.CLOSE);
            running = thread;
        } finally {
            lock.unlock();
        }
        closeSignal.countDown();
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (running == null) {
            return;
        }
        try {
            if (!running.join(timing.closeTimeout())) {
                // An invoke that outlives the close: stop waiting for it; the batch is not committed.
                running.interrupt();
                running.join(Duration.ofSeconds(3));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean stopping() {
        return state != PollerState.RUNNING;
    }

    /** The consumer and what works with it; made again after any failure, so reading resumes from the group's offsets. */
    private record Session(Consumer<byte[], byte[]> consumer, Gatherer gatherer, Delivery delivery) {
    }

    private void run(long startMillis) {
        String uuid = context.settings().uuid();
        int failures = 0;
        boolean unavailable = false;
        long lastHeard = context.clock().millis();
        Session s = null;
        try {
            while (!stopping()) {
                try {
                    if (s == null) {
                        s = open(startMillis);
                        if (s == null) {
                            return;
                        }
                        lastHeard = context.clock().millis();
                    }
                    Batch batch = s.gatherer().next();
                    if (!batch.isEmpty()) {
                        s.delivery().deliver(batch);
                        lastHeard = context.clock().millis();
                        failures = 0;
                        unavailable = false;
                    } else if (context.clock().millis() - lastHeard >= timing.idleProbe().toMillis()) {
                        Set<String> topics;
                        try {
                            topics = s.consumer().listTopics(timing.apiTimeout()).keySet();
                        } catch (TimeoutException e) {
                            // Nothing is in flight: keep the consumer (and its place in the group); it reconnects.
                            failures++;
                            unavailable = true;
                            context.status().sourceUnavailable(CONNECTION_ERROR);
                            pause(timing.backoff(failures));
                            continue;
                        }
                        lastHeard = context.clock().millis();
                        failures = 0;
                        if (!topics.containsAll(context.settings().topics())) {
                            context.status().sourceUnavailable(TOPIC_NOT_FOUND);
                            unavailable = true;
                        } else if (unavailable) {
                            context.status().processed("No records processed");
                            unavailable = false;
                        }
                    }
                } catch (WakeupException | InterruptException e) {
                    if (stopping()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (KafkaException e) {
                    failures++;
                    unavailable = true;
                    LOG.warn("mapping {}: Kafka cluster unavailable: {}", uuid, e.toString());
                    context.status().sourceUnavailable(CONNECTION_ERROR);
                    s = closeQuietly(s);
                    pause(timing.backoff(failures));
                } catch (RuntimeException e) {
                    failures++;
                    LOG.error("mapping {}: Kafka poller failed; starting a new consumer", uuid, e);
                    s = closeQuietly(s);
                    pause(timing.backoff(failures));
                }
            }
        } finally {
            closeQuietly(s);
            lock.lock();
            try {
                state = state.on(PollerState.Event.STOPPED);
            } finally {
                lock.unlock();
            }
        }
    }

    /** A new consumer subscribed to the mapping's topics; null when the poller is closing. */
    private Session open(long startMillis) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ConsumerProperties.of(context.settings(), timing));
        consumer = c;
        Assignments assignments = new Assignments(c, context.settings(), startMillis, timing.apiTimeout());
        Session s = new Session(c,
                new Gatherer(c, assignments, context.settings().batchSize(), window(), context.clock()),
                new Delivery(context, c, assignments, filter, timing, this::stopping));
        if (stopping()) {
            // close() may have looked for the consumer before it was published: it was not woken up.
            closeQuietly(s);
            return null;
        }
        c.subscribe(context.settings().topics(), assignments);
        return s;
    }

    private void pause(Duration wait) {
        try {
            closeSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * MaximumBatchingWindow; Lambda gathers Kafka records for 500 ms when the mapping sets no window
     * (zero), since a Kafka poll that returns at its first record would send one record a batch.
     */
    private Duration window() {
        Duration window = context.settings().maximumBatchingWindow();
        return window.isZero() ? DEFAULT_WINDOW : window;
    }

    /** Closes the session's consumer, which leaves the group; returns null. */
    private Session closeQuietly(Session s) {
        if (s == null) {
            return null;
        }
        consumer = null;
        // A consumer refuses to close on an interrupted thread; the interrupt has done its work.
        Thread.interrupted();
        try {
            s.consumer().close(CloseOptions.timeout(Duration.ofSeconds(3)));
        } catch (RuntimeException e) {
            LOG.debug("mapping {}: consumer close: {}", context.settings().uuid(), e.toString());
        }
        return null;
    }
}
