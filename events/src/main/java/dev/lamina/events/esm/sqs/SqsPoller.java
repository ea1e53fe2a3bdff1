package dev.lamina.events.esm.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.PollerContext;
import dev.lamina.events.esm.RecordFilter;
import dev.lamina.events.esm.SourcePoller;
import dev.lamina.model.ServiceException;
import dev.lamina.sqs.Queues;
import dev.lamina.sqs.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls one queue for one mapping, as Lambda's SQS pollers do. Each worker (a virtual thread) long-
 * polls for a batch of up to BatchSize messages, gathering for up to MaximumBatchingWindowInSeconds,
 * drops (deletes) the messages no filter matches, invokes the function with the rest and then:
 * success deletes the batch; with ReportBatchItemFailures only the reported messages stay; a
 * failed batch is left to its visibility timeout, so that the queue's redrive policy applies to it.
 * FIFO queues keep their order because the queue hands out no message of a group that has one in
 * flight, and a failed message keeps the later messages of its group in the batch from being deleted.
 *
 * <p>Workers scale with the backlog: a worker that received a full batch starts another while there
 * are fewer than the mapping's maximum concurrency; a worker that finds the queue empty twice in a
 * row ends, down to one.
 */
final class SqsPoller implements SourcePoller {
    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    /** SQS hands out at most 10 messages per receive. */
    static final int RECEIVE_MAX = 10;
    static final Duration LONG_POLL = Duration.ofSeconds(10);
    /** Lambda's invocation payload limit is 6 MB; a batch stops growing before it. */
    static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final PollerContext context;
    private final MappingSettings settings;
    private final Queues queues;
    private final String queueArn;
    private final int maxWorkers;
    private final SqsRecords records;
    private final RecordFilter filter;
    private final boolean fifo;
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closed;

    SqsPoller(PollerContext context, Queues queues, int maxWorkers, boolean fifo) {
        this.context = context;
        this.settings = context.settings();
        this.queues = queues;
        this.queueArn = settings.eventSourceArn().orElseThrow();
        this.maxWorkers = maxWorkers;
        this.records = new SqsRecords(queueArn, settings.region());
        this.filter = RecordFilter.of(settings.filterPatterns());
        this.fifo = fifo;
    }

    @Override
    public void start() {
        spawn();
    }

    /** Workers running now (for tests and /health). */
    int workers() {
        return active.get();
    }

    private void spawn() {
        if (closed || active.incrementAndGet() > maxWorkers) {
            active.decrementAndGet();
            return;
        }
        Worker w = new Worker();
        workers.add(w);
        w.thread = Thread.ofVirtual().name("lamina-esm-sqs-" + settings.uuid()).start(w::run);
    }

    private final class Worker {
        volatile Thread thread;
        volatile boolean receiving;
        int idle;
        Duration backoff = Duration.ZERO;

        void run() {
            try {
                while (!closed) {
                    if (!backoff.isZero()) {
                        Thread.sleep(backoff);
                    }
                    List<ReceivedMessage> batch;
                    try {
                        batch = gather();
                    } catch (ServiceException | IllegalStateException | IllegalArgumentException e) {
                        context.status().sourceUnavailable(String.valueOf(e.getMessage()));
                        backOff();
                        continue;
                    }
                    if (batch.isEmpty()) {
                        if (++idle >= 2 && active.get() > 1) {
                            return; // the backlog is gone: fewer workers
                        }
                        continue;
                    }
                    idle = 0;
                    if (batch.size() >= Math.min(settings.batchSize(), RECEIVE_MAX)) {
                        spawn(); // a full batch: there may be more
                    }
                    process(batch);
                }
            } catch (InterruptedException e) {
                // closing
            } catch (RuntimeException | Error e) {
                LOG.error("event source mapping {}: a poller worker failed", settings.uuid(), e);
            } finally {
                active.decrementAndGet();
                workers.remove(this);
                if (!closed && active.get() == 0) {
                    spawn(); // never fewer than one while the poller runs
                }
            }
        }

        private List<ReceivedMessage> gather() throws InterruptedException {
            List<ReceivedMessage> batch = new ArrayList<>();
            Instant deadline = context.clock().instant().plus(settings.maximumBatchingWindow());
            int bytes = 0;
            boolean first = true;
            while (!closed && batch.size() < settings.batchSize() && bytes < MAX_BATCH_BYTES) {
                Duration wait;
                if (first) {
                    wait = LONG_POLL;
                } else {
                    Duration left = Duration.between(context.clock().instant(), deadline);
                    if (left.isNegative() || left.isZero()) {
                        break;
                    }
                    wait = left.compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : left;
                }
                List<ReceivedMessage> got;
                receiving = true;
                try {
                    got = queues.receive(queueArn, Math.min(RECEIVE_MAX, settings.batchSize() - batch.size()),
                            Optional.empty(), wait);
                } finally {
                    receiving = false;
                }
                if (first && got.isEmpty()) {
                    return batch;
                }
                first = false;
                for (ReceivedMessage m : got) {
                    bytes += m.body().length();
                }
                batch.addAll(got);
                if (settings.maximumBatchingWindow().isZero()) {
                    break;
                }
            }
            backoff = Duration.ZERO;
            return batch;
        }

        private void process(List<ReceivedMessage> received) throws InterruptedException {
            List<ReceivedMessage> batch = new ArrayList<>();
            List<ObjectNode> event = new ArrayList<>();
            for (ReceivedMessage m : received) {
                ObjectNode record = records.record(m);
                if (filter.matches(SqsRecords.filterDocument(record))) {
                    batch.add(m);
                    event.add(record);
                } else {
                    delete(m); // Lambda deletes what the filter drops
                }
            }
            if (batch.isEmpty()) {
                context.status().processed("OK");
                return;
            }
            BatchInvoker.Outcome outcome = context.invoker().invoke(SqsRecords.event(event));
            switch (outcome) {
                case BatchInvoker.Succeeded ok -> {
                    backoff = Duration.ZERO;
                    succeeded(batch, ok.payload());
                }
                case BatchInvoker.FunctionFailed failed -> {
                    backoff = Duration.ZERO;
                    context.status().processed("PROBLEM: Function call failed");
                }
                case BatchInvoker.NotInvoked not -> {
                    context.status().processed("PROBLEM: " + not.errorCode() + ": " + not.message());
                    backOff();
                }
            }
        }

        private void succeeded(List<ReceivedMessage> batch, byte[] payload) {
            Set<String> failed = Set.of();
            if (settings.reportBatchItemFailures()) {
                Set<String> ids = new HashSet<>();
                batch.forEach(m -> ids.add(m.messageId()));
                Optional<Set<String>> reported = BatchResponse.failedIds(payload, ids);
                if (reported.isEmpty()) {
                    context.status().processed("PROBLEM: Function call failed");
                    return; // an invalid answer fails the whole batch, as on AWS
                }
                failed = reported.get();
            }
            Settlement.deletable(batch, failed, fifo).forEach(SqsPoller.this::delete);
            context.status().processed("OK");
        }

        private void backOff() {
            backoff = backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2);
            if (backoff.compareTo(MAX_BACKOFF) > 0) {
                backoff = MAX_BACKOFF;
            }
        }
    }

    private void delete(ReceivedMessage m) {
        try {
            queues.delete(queueArn, m.receiptHandle());
        } catch (RuntimeException e) {
            // It comes back after its visibility timeout and is processed again (at least once).
            LOG.warn("event source mapping {}: could not delete message {} ({})", settings.uuid(), m.messageId(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        // Idle workers stop at once; a batch in flight may finish (its messages are then deleted).
        workers.forEach(w -> {
            if (w.receiving && w.thread != null) {
                w.thread.interrupt();
            }
        });
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Worker w : List.copyOf(workers)) {
            Thread t = w.thread;
            long left = deadline - System.nanoTime();
            if (t == null) {
                continue;
            }
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    t.interrupt(); // what it did not finish is seen again after its visibility timeout
                    t.join(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
