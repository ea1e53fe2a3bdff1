package dev.lamina.store.events;

import dev.lamina.model.FunctionName;
import dev.lamina.store.StoreException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The durable log of asynchronous work: a SQLite database of its own ({@code events.db}), in WAL
 * mode with {@code synchronous=FULL}. Every change is handed to one writer thread, which commits
 * whatever has queued up meanwhile in one transaction — group commit: one fsync for a batch, not
 * per event — and only then completes the changes' futures. A future that completes normally means
 * the change is on disk; a caller may acknowledge it.
 */
public final class EventLog implements AutoCloseable {
    /** The most changes one transaction takes. */
    static final int MAX_BATCH = 2000;

    /** A task's place in the log, without its payload. */
    public record Entry(long id, String kind, Optional<FunctionName> function, Instant dueAt) {
    }

    private sealed interface Change {
        CompletableFuture<?> future();
    }

    private record Add(List<Task> tasks, Instant dueAt, CompletableFuture<List<Long>> future) implements Change {
    }

    private record Finish(long id, List<Task> followUps, Instant dueAt, CompletableFuture<List<Long>> future)
            implements Change {
    }

    private record Reschedule(long id, int attempts, Instant dueAt, CompletableFuture<Void> future) implements Change {
    }

    private record Stop(CompletableFuture<Void> future) implements Change {
    }

    /** Moves a fire mark forward and stores the fire's tasks, or does nothing when the mark is not behind. */
    private record Fire(String key, Instant time, List<Task> tasks, Instant dueAt,
                        CompletableFuture<Optional<List<Long>>> future) implements Change {
    }

    private record Forget(String key, CompletableFuture<Void> future) implements Change {
    }

    private final Connection writer;
    private final Connection reader;
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** No more changes are taken: set by close, and by the writer when it stops for any reason. */
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();

    private EventLog(Connection writer, Connection reader) {
        this.writer = writer;
        this.reader = reader;
        this.thread = Thread.ofPlatform().name("lamina-event-log").daemon().start(this::run);
    }

    /** Opens (creating when absent) the log at {@code file}. */
    public static EventLog open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the event log " + file, e);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/events").loggers("slf4j").load().migrate();
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(10_000);
            Connection writer = DriverManager.getConnection(url, config.toProperties());
            writer.setAutoCommit(false);
            // Reads are single statements in auto-commit: each sees the last commit.
            Connection reader = DriverManager.getConnection(url, config.toProperties());
            return new EventLog(writer, reader);
        } catch (SQLException e) {
            throw new StoreException("cannot open the event log " + file, e);
        }
    }

    /** Stores tasks, due at {@code dueAt}; completes with their ids once they are on disk. */
    public CompletableFuture<List<Long>> add(List<Task> tasks, Instant dueAt) {
        return submit(new Add(List.copyOf(tasks), dueAt, new CompletableFuture<>()));
    }

    /**
     * Removes a task whose work is done and, in the same transaction, stores what it led to
     * (a destination's message, an invocation of another function); completes with their ids.
     */
    public CompletableFuture<List<Long>> finish(long id, List<Task> followUps, Instant dueAt) {
        return submit(new Finish(id, List.copyOf(followUps), dueAt, new CompletableFuture<>()));
    }

    /** Records another counted attempt, or none, and when the task may be tried next. */
    public CompletableFuture<Void> reschedule(long id, int attempts, Instant dueAt) {
        return submit(new Reschedule(id, attempts, dueAt, new CompletableFuture<>()));
    }

    /**
     * Records that {@code key} fired for {@code time} and stores the tasks of that fire, in one
     * transaction; completes with their ids, or with nothing (and stores nothing) when {@code key}
     * has already fired for {@code time} or later.
     */
    public CompletableFuture<Optional<List<Long>>> fire(String key, Instant time, List<Task> tasks, Instant dueAt) {
        return submit(new Fire(key, time, List.copyOf(tasks), dueAt, new CompletableFuture<>()));
    }

    /** Removes {@code key}'s fire mark. */
    public CompletableFuture<Void> forget(String key) {
        return submit(new Forget(key, new CompletableFuture<>()));
    }

    /** The time {@code key} last fired for, if it ever did. */
    public synchronized Optional<Instant> lastFired(String key) {
        try (PreparedStatement st = reader.prepareStatement("SELECT fired_at FROM fire_marks WHERE mark_key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the fire mark of " + key, e);
        }
    }

    private <T> CompletableFuture<T> submit(Change change) {
        if (closed) {
            change.future().completeExceptionally(new StoreException("the event log is closed", null));
        } else {
            changes.add(change);
            if (closed && changes.remove(change)) {
                // The writer stopped between the check and the add, and may have drained the queue already.
                change.future().completeExceptionally(new StoreException("the event log is closed", null));
            }
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> future = (CompletableFuture<T>) change.future();
        return future;
    }

    /** Every task in the log, in the order they were added, without payloads: what to do after a start. */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        try (Statement st = reader.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, kind, function_name, due_at FROM tasks ORDER BY id")) {
            while (rs.next()) {
                String function = rs.getString(3);
                out.add(new Entry(rs.getLong(1), rs.getString(2),
                        Optional.ofNullable(function).map(FunctionName::new), Instant.ofEpochMilli(rs.getLong(4))));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list the event log", e);
        }
        return out;
    }

    /** A task with its payload, if it is still in the log. */
    public synchronized Optional<QueuedTask> load(long id) {
        try (PreparedStatement st = reader.prepareStatement("SELECT * FROM tasks WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(TaskRows.read(rs)) : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot read task " + id + " of the event log", e);
        }
    }


    /**
     * The writer: takes every change queued up, applies them in one transaction, commits, answers.
     * However it stops, nothing submitted is left waiting for an answer.
     */
    private void run() {
        try {
            write();
        } finally {
            closed = true;
            StoreException failure = new StoreException("the event log is closed", null);
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
            List<Object> results = new ArrayList<>(batch.size());
            boolean stop = false;
            try {
                for (Change c : batch) {
                    stop |= c instanceof Stop;
                    results.add(apply(c));
                }
                writer.commit();
                for (int i = 0; i < batch.size(); i++) {
                    complete(batch.get(i), results.get(i));
                }
            } catch (SQLException | IOException | RuntimeException e) {
                rollback();
                StoreException failure = new StoreException("the event log could not commit", e);
                batch.forEach(c -> c.future().completeExceptionally(failure));
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void complete(Change change, Object result) {
        ((CompletableFuture<Object>) change.future()).complete(result);
    }

    private Object apply(Change change) throws SQLException, IOException {
        return switch (change) {
            case Add add -> insert(add.tasks(), add.dueAt());
            case Finish finish -> {
                delete(finish.id());
                yield insert(finish.followUps(), finish.dueAt());
            }
            case Reschedule r -> {
                try (PreparedStatement st = writer.prepareStatement("UPDATE tasks SET attempts = ?, due_at = ? WHERE id = ?")) {
                    st.setInt(1, r.attempts());
                    st.setLong(2, r.dueAt().toEpochMilli());
                    st.setLong(3, r.id());
                    st.executeUpdate();
                }
                yield null;
            }
            case Stop stop -> null;
            case Fire fire -> {
                Optional<Instant> last = Optional.empty();
                try (PreparedStatement st = writer.prepareStatement("SELECT fired_at FROM fire_marks WHERE mark_key = ?")) {
                    st.setString(1, fire.key());
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            last = Optional.of(Instant.ofEpochMilli(rs.getLong(1)));
                        }
                    }
                }
                if (last.isPresent() && !last.get().isBefore(fire.time())) {
                    yield Optional.empty();
                }
                try (PreparedStatement st = writer.prepareStatement("INSERT INTO fire_marks (mark_key, fired_at) VALUES (?, ?)"
                        + " ON CONFLICT (mark_key) DO UPDATE SET fired_at = excluded.fired_at")) {
                    st.setString(1, fire.key());
                    st.setLong(2, fire.time().toEpochMilli());
                    st.executeUpdate();
                }
                yield Optional.of(insert(fire.tasks(), fire.dueAt()));
            }
            case Forget forget -> {
                try (PreparedStatement st = writer.prepareStatement("DELETE FROM fire_marks WHERE mark_key = ?")) {
                    st.setString(1, forget.key());
                    st.executeUpdate();
                }
                yield null;
            }
        };
    }

    private void delete(long id) throws SQLException {
        try (PreparedStatement st = writer.prepareStatement("DELETE FROM tasks WHERE id = ?")) {
            st.setLong(1, id);
            st.executeUpdate();
        }
    }

    private List<Long> insert(List<Task> tasks, Instant dueAt) throws SQLException, IOException {
        List<Long> ids = new ArrayList<>(tasks.size());
        try (PreparedStatement st = writer.prepareStatement("INSERT INTO tasks (kind, request_id, function_name, qualifier,"
                + " target, payload, attributes, created_at, due_at, attempts, hops, trace_header, origin, source_arn, document)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (Task task : tasks) {
                TaskRows.bind(st, task);
                st.setLong(9, dueAt.toEpochMilli());
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            // the connection is broken; the next batch fails too and says so
        }
    }

    /** Commits what is queued, then closes; changes submitted afterwards fail. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        changes.add(new Stop(stopped));
        try {
            stopped.get(30, TimeUnit.SECONDS); // fails at once if the writer had stopped already
            thread.join(10_000);
        } catch (Exception e) {
            thread.interrupt();
        }
        try {
            writer.close();
            synchronized (this) {
                reader.close();
            }
        } catch (SQLException e) {
            // closing after the last commit; nothing left to lose
        }
    }
}
