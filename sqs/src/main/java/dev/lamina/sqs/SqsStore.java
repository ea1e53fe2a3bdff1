package dev.lamina.sqs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The write-ahead store of the queues: one writer thread takes every submission queued up meanwhile,
 * applies them in one transaction, commits (WAL, synchronous=FULL: one fsync for the batch — group
 * commit), and only then completes their futures. Submissions are applied in the order they were
 * submitted; the engine submits a queue's changes under that queue's lock, so the log's order per
 * queue is memory's order, while nobody holds a lock during the fsync.
 *
 * <p>If a commit fails the store fails every later submission too: memory already holds changes the
 * disk refused, so the service must stop rather than acknowledge anything more.
 */
final class SqsStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsStore.class);
    static final int MAX_BATCH = 4000;

    record Submission(List<Change> changes, CompletableFuture<Void> done) {
    }

    private final Connection db;
    private final StoreWrites writes;
    private final InstantSource clock;
    private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;
    private long lastPrune;

    private final Checkpointer checkpointer;

    SqsStore(Connection db, Checkpointer checkpointer, InstantSource clock) throws SQLException {
        this.db = db;
        this.checkpointer = checkpointer;
        this.writes = new StoreWrites(db);
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("lamina-sqs-writer").daemon().start(this::run);
    }

    /** Queues changes; the future completes once they are committed. */
    CompletableFuture<Void> submit(List<Change> changes) {
        Submission s = new Submission(changes, new CompletableFuture<>());
        if (changes.isEmpty()) {
            s.done.complete(null);
            return s.done;
        }
        if (failure != null || closed) {
            s.done.completeExceptionally(new IllegalStateException("the SQS store is closed", failure));
            return s.done;
        }
        queue.add(s);
        return s.done;
    }

    CompletableFuture<Void> submit(Change change) {
        return submit(List.of(change));
    }

    /** Waits for a submission's commit; a failure is the platform's (500), never silently ignored. */
    static void await(CompletableFuture<Void> done) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqsErrors.internal("interrupted while making the change durable");
        } catch (ExecutionException e) {
            throw SqsErrors.internal("the change could not be made durable: " + e.getCause().getMessage());
        }
    }

    private void run() {
        List<Submission> batch = new ArrayList<>();
        try {
            while (true) {
                Submission first = queue.take();
                if (first.changes.isEmpty() && closed) {
                    first.done.complete(null);
                    break;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                try {
                    for (Submission s : batch) {
                        for (Change c : s.changes) {
                            writes.apply(c);
                        }
                    }
                    prune();
                    db.commit();
                } catch (SQLException | RuntimeException e) {
                    failure = e;
                    LOG.error("the SQS store could not commit; it accepts no more changes", e);
                    batch.forEach(s -> s.done.completeExceptionally(e));
                    break;
                }
                batch.forEach(s -> s.done.complete(null));
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            IllegalStateException e = new IllegalStateException("the SQS store is closed", failure);
            for (Submission s = queue.poll(); s != null; s = queue.poll()) {
                s.done.completeExceptionally(e);
            }
        }
    }

    /** Deduplication entries older than their window are removed once a minute. */
    private void prune() throws SQLException {
        long now = clock.millis();
        if (now - lastPrune > 60_000) {
            lastPrune = now;
            try (PreparedStatement st = db.prepareStatement("DELETE FROM dedup WHERE expires_at < ?")) {
                st.setLong(1, now);
                st.executeUpdate();
            }
        }
    }

    /** Commits everything submitted before, then closes; later submissions fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> stop = new CompletableFuture<>();
        queue.add(new Submission(List.of(), stop));
        try {
            stop.get(30, TimeUnit.SECONDS);
            thread.join(10_000);
        } catch (Exception e) {
            thread.interrupt();
        }
        try {
            writes.close();
            db.close();
            checkpointer.close();
        } catch (SQLException e) {
            LOG.warn("closing the SQS store", e);
        }
    }
}
