package dev.lamina.workflows.journal;

import dev.lamina.store.StoreException;
import dev.lamina.workflows.engine.ExecutionJournal;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.HistoryEvent;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The durable {@link ExecutionJournal}: one SQLite file ({@code <data dir>/workflows.db}), group-committed.
 *
 * <p>Every write is queued for one writer thread, which takes whatever has queued up meanwhile — the
 * transitions of many executions — applies it in one transaction and commits it with one fsync, and only
 * then completes the writes' futures. So throughput is bounded by fsyncs per second times the batch size,
 * not by one fsync per state. A completed future means the write is on disk; a failed one that it is not
 * (and, for a batch that failed, that the others in it were retried alone). Writes are applied in the order
 * they were submitted. Futures complete on threads of their own, never the writer's. Reads run on their own connections and see every write whose future has completed.
 */
public final class SqliteJournal implements ExecutionJournal {
    /** The most changes one transaction takes: bounds the latency a batch adds to its first write. */
    static final int MAX_BATCH = 1000;
    private static final int READERS = 4;

    private final Path file;
    private final Rows rows;
    private final JournalWriter writer;
    private final JournalReads reads;
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
    /** No more changes are taken: set by close, and by the writer when it stops for any reason. */
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();

    private SqliteJournal(Path file, Rows rows, JournalWriter writer, JournalReads reads) {
        this.file = file;
        this.rows = rows;
        this.writer = writer;
        this.reads = reads;
        this.thread = Thread.ofPlatform().name("lamina-workflows-journal").daemon().unstarted(this::run);
    }

    /**
     * Opens the journal at {@code file}, creating it (and its directory) when absent.
     *
     * @throws StoreException when the file is not a journal this Lamina can read (see {@link JournalSchema#prepare})
     */
    public static ExecutionJournal open(Path file, Clock clock) {
        SqliteJournal journal = openPaused(file);
        journal.thread.start();
        return journal;
    }

    /** A journal whose writer has not started yet ({@link #startWriter}): tests use it to make a batch. */
    static SqliteJournal openPaused(Path file) {
        JournalSchema.prepare(file);
        Rows rows = new Rows();
        JournalWriter writer = null;
        try {
            writer = new JournalWriter(JournalSchema.connect(file));
            return new SqliteJournal(file, rows, writer, new JournalReads(file, READERS, rows));
        } catch (SQLException e) {
            if (writer != null) {
                writer.close();
            }
            throw new StoreException("cannot open the Step Functions journal " + file, e);
        }
    }

    void startWriter() {
        thread.start();
    }

    /** How many transactions the writer has committed (each is one fsync). */
    long commits() {
        return writer.commits();
    }

    @Override
    public CompletableFuture<Void> create(ExecutionRecord record, List<HistoryEvent> events, List<FrameWrite> frames) {
        return submit(new Change.Create(record, rows.hash(record.machine()), Change.EventRow.of(events),
                List.copyOf(frames), new CompletableFuture<>()));
    }

    @Override
    public CompletableFuture<Void> transition(String executionArn, List<HistoryEvent> events, List<FrameWrite> frames,
                                              Optional<ExecutionRecord> record) {
        return submit(new Change.Transition(executionArn, Change.EventRow.of(events), List.copyOf(frames), record,
                record.map(r -> rows.hash(r.machine())), new CompletableFuture<>()));
    }

    private CompletableFuture<Void> submit(Change change) {
        if (closed) {
            change.future().completeExceptionally(closedException());
        } else {
            changes.add(change);
            if (closed && changes.remove(change)) {
                // The writer stopped between the check and the add, and may have drained the queue already.
                change.future().completeExceptionally(closedException());
            }
        }
        return change.future();
    }

    private StoreException closedException() {
        return new StoreException("the Step Functions journal " + file + " is closed", null);
    }

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        return reads.find(executionArn);
    }

    @Override
    public List<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> status, Optional<String> after,
                                      int max) {
        return reads.list(machineArn, status, after, max);
    }

    @Override
    public List<HistoryEvent> history(String executionArn, long fromExclusive, int max, boolean reverse) {
        return reads.history(executionArn, fromExclusive, max, reverse);
    }

    @Override
    public List<Resumable> running() {
        return reads.running();
    }

    /** The writer thread. However it stops, nothing submitted is left waiting for an answer. */
    private void run() {
        try {
            write();
        } finally {
            closed = true;
            StoreException failure = closedException();
            for (Change c = changes.poll(); c != null; c = changes.poll()) {
                c.future().completeExceptionally(failure);
            }
        }
    }

    private void write() {
        List<Change> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(changes.take());
            } catch (InterruptedException e) {
                return;
            }
            changes.drainTo(batch, MAX_BATCH - 1);
            List<RuntimeException> outcomes = writer.commit(batch);
            boolean stop = false;
            for (int i = 0; i < batch.size(); i++) {
                Change c = batch.get(i);
                stop |= c instanceof Change.Stop;
                RuntimeException failure = outcomes.get(i);
                // Not on this thread: a dependent stage (the engine's next state, a blocking invoke) must
                // never hold up the next batch's commit.
                completions.execute(() -> {
                    if (failure == null) {
                        c.future().complete(null);
                    } else {
                        c.future().completeExceptionally(failure);
                    }
                });
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Commits what is queued, then closes; writes submitted afterwards fail. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        changes.add(new Change.Stop(stopped));
        try {
            stopped.get(30, TimeUnit.SECONDS); // fails at once if the writer had stopped already
            thread.join(10_000);
        } catch (Exception e) {
            thread.interrupt();
        }
        writer.close();
        reads.close();
        completions.close();
    }
}
