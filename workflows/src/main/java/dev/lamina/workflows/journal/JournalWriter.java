package dev.lamina.workflows.journal;

import dev.lamina.store.StoreException;
import dev.lamina.workflows.engine.ExecutionJournal.FrameWrite;
import dev.lamina.workflows.engine.ExecutionRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies changes on the journal's one write connection; used by the writer thread alone. The
 * statements are prepared once: a transition costs a few inserts, not a parse of SQL each time.
 */
final class JournalWriter implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement insertExecution;
    private final PreparedStatement upsertExecution;
    private final PreparedStatement insertEvent;
    private final PreparedStatement upsertFrame;
    private final PreparedStatement deleteFrame;
    private final PreparedStatement insertDefinition;
    /** Definitions known to be in the file, so each is inserted once per process, not once per execution. */
    private final Set<String> storedDefinitions = new HashSet<>();
    private volatile long commits;

    JournalWriter(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        String placeholders = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
        this.insertExecution = connection.prepareStatement("INSERT INTO executions (" + Rows.EXECUTION_COLUMNS
                + ") VALUES (" + placeholders + ")");
        // The machine snapshot never changes after the start; everything else may.
        this.upsertExecution = connection.prepareStatement("INSERT INTO executions (" + Rows.EXECUTION_COLUMNS
                + ") VALUES (" + placeholders + ") ON CONFLICT (arn) DO UPDATE SET status = excluded.status,"
                + " stop_ns = excluded.stop_ns, output = excluded.output, error = excluded.error,"
                + " cause = excluded.cause, redrive_count = excluded.redrive_count, redrive_ns = excluded.redrive_ns,"
                + " trace_header = excluded.trace_header, input = excluded.input");
        this.insertEvent = connection.prepareStatement(
                "INSERT INTO events (arn, id, previous_id, ts_ns, type, details) VALUES (?, ?, ?, ?, ?, ?)");
        this.upsertFrame = connection.prepareStatement("INSERT INTO frames (arn, frame_key, document) VALUES (?, ?, ?)"
                + " ON CONFLICT (arn, frame_key) DO UPDATE SET document = excluded.document");
        this.deleteFrame = connection.prepareStatement("DELETE FROM frames WHERE arn = ? AND frame_key = ?");
        this.insertDefinition = connection.prepareStatement(
                "INSERT INTO definitions (hash, text) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING");
    }

    /**
     * Applies {@code batch} in one transaction and commits it (one fsync). When that fails, retries
     * each change in a transaction of its own, so one bad change (a duplicate execution, say) fails
     * alone; the futures are left to the caller.
     *
     * @return for each change, null when it is committed, or why it is not
     */
    List<RuntimeException> commit(List<Change> batch) {
        List<RuntimeException> outcomes = new ArrayList<>(batch.size());
        Set<String> before = new HashSet<>(storedDefinitions);
        try {
            for (Change c : batch) {
                apply(c);
            }
            connection.commit();
            commits++;
            batch.forEach(c -> outcomes.add(null));
            return outcomes;
        } catch (SQLException | RuntimeException e) {
            rollback(before);
        }
        for (Change c : batch) {
            Set<String> known = new HashSet<>(storedDefinitions);
            try {
                apply(c);
                connection.commit();
                commits++;
                outcomes.add(null);
            } catch (SQLException | RuntimeException e) {
                rollback(known);
                outcomes.add(new StoreException("the Step Functions journal could not commit: " + e.getMessage(), e));
            }
        }
        return outcomes;
    }

    long commits() {
        return commits;
    }

    private void rollback(Set<String> definitionsBefore) {
        storedDefinitions.retainAll(definitionsBefore);
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken; the next commit fails too and says so
        }
    }

    private void apply(Change change) throws SQLException {
        switch (change) {
            case Change.Create c -> {
                definition(c.definitionHash(), c.record());
                Rows.bind(insertExecution, c.record(), c.definitionHash());
                insertExecution.executeUpdate();
                events(c.record().executionArn(), c.events());
                frames(c.record().executionArn(), c.frames());
            }
            case Change.Transition t -> {
                events(t.executionArn(), t.events());
                frames(t.executionArn(), t.frames());
                if (t.record().isPresent()) {
                    ExecutionRecord r = t.record().get();
                    String hash = t.definitionHash().orElseThrow();
                    definition(hash, r);
                    Rows.bind(upsertExecution, r, hash);
                    upsertExecution.executeUpdate();
                }
            }
            case Change.Stop s -> {
            }
        }
    }

    private void definition(String hash, ExecutionRecord record) throws SQLException {
        if (storedDefinitions.add(hash)) {
            insertDefinition.setString(1, hash);
            insertDefinition.setString(2, record.machine().definitionText());
            insertDefinition.executeUpdate();
        }
    }

    private void events(String arn, List<Change.EventRow> events) throws SQLException {
        for (Change.EventRow e : events) {
            insertEvent.setString(1, arn);
            insertEvent.setLong(2, e.id());
            insertEvent.setLong(3, e.previousId());
            insertEvent.setLong(4, e.timestampNanos());
            insertEvent.setString(5, e.type());
            insertEvent.setString(6, e.details());
            insertEvent.executeUpdate();
        }
    }

    private void frames(String arn, List<FrameWrite> frames) throws SQLException {
        for (FrameWrite f : frames) {
            Optional<String> document = f.document();
            if (document.isPresent()) {
                upsertFrame.setString(1, arn);
                upsertFrame.setString(2, f.key());
                upsertFrame.setString(3, document.get());
                upsertFrame.executeUpdate();
            } else {
                deleteFrame.setString(1, arn);
                deleteFrame.setString(2, f.key());
                deleteFrame.executeUpdate();
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // after the last commit; nothing left to lose
        }
    }
}
