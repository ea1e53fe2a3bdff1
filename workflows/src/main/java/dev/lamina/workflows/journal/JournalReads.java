package dev.lamina.workflows.journal;

import dev.lamina.store.StoreException;
import dev.lamina.workflows.engine.ExecutionJournal.Resumable;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.HistoryEvent;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The journal's reads, on a few connections of their own so that readers neither wait for the writer
 * (WAL) nor for one another. Each read is one read transaction: it sees every commit made before it
 * began (so every write whose future has completed) and nothing half-written.
 */
final class JournalReads implements AutoCloseable {
    private static final String SELECT_EXECUTION = "SELECT " + Rows.EXECUTION_COLUMNS + ", text FROM executions"
            + " JOIN definitions ON hash = definition_hash";

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private final BlockingQueue<Connection> pool;
    private final Rows rows;

    JournalReads(Path file, int connections, Rows rows) throws SQLException {
        this.pool = new ArrayBlockingQueue<>(connections);
        this.rows = rows;
        for (int i = 0; i < connections; i++) {
            Connection c = JournalSchema.connect(file);
            c.setAutoCommit(false);
            pool.add(c);
        }
    }

    /** Runs {@code query} in a read transaction that is always ended, so no reader ever holds the WAL back. */
    private <T> T read(String what, Query<T> query) {
        Connection c;
        try {
            c = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while reading " + what, e);
        }
        boolean ended = false;
        try {
            T result = query.run(c);
            c.commit();
            ended = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + what + " from the Step Functions journal", e);
        } finally {
            if (!ended) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the next read on it says so
                }
            }
            pool.add(c);
        }
    }

    Optional<ExecutionRecord> find(String arn) {
        return read("execution " + arn, c -> {
            try (PreparedStatement st = c.prepareStatement(SELECT_EXECUTION + " WHERE arn = ?")) {
                st.setString(1, arn);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rows.execution(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Newest first (start date descending, then ARN ascending: a total order, so pages neither skip nor
     * repeat). An unqualified machine ARN is served by its index in order; a version or alias ARN
     * matches executions started through it.
     */
    List<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> status, Optional<String> after, int max) {
        return read("the executions of " + machineArn, c -> {
            Optional<Long> cursor = Optional.empty();
            if (after.isPresent()) {
                try (PreparedStatement st = c.prepareStatement("SELECT start_ns FROM executions WHERE arn = ?")) {
                    st.setString(1, after.get());
                    try (ResultSet rs = st.executeQuery()) {
                        cursor = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                    }
                }
            }
            boolean qualified = machineArn.chars().filter(ch -> ch == ':').count() > 6;
            StringBuilder sql = new StringBuilder(SELECT_EXECUTION).append(qualified
                    ? " WHERE (version_arn = ?1 OR alias_arn = ?1)" : " WHERE machine_arn = ?1");
            if (status.isPresent()) {
                sql.append(" AND status = ?2");
            }
            if (cursor.isPresent()) {
                sql.append(" AND (start_ns < ?3 OR (start_ns = ?3 AND arn > ?4))");
            }
            sql.append(" ORDER BY start_ns DESC, arn LIMIT ?5");
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                st.setString(1, machineArn);
                if (status.isPresent()) {
                    st.setString(2, status.get().name());
                }
                if (cursor.isPresent()) {
                    st.setLong(3, cursor.get());
                    st.setString(4, after.get());
                }
                st.setInt(5, Math.max(0, max));
                List<ExecutionRecord> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rows.execution(rs));
                    }
                }
                return out;
            }
        });
    }

    /** As {@link dev.lamina.workflows.engine.ExecutionJournal#history}: ascending after an id, or descending before one (or from the last when it is 0). */
    List<HistoryEvent> history(String arn, long fromExclusive, int max, boolean reverse) {
        return read("the history of " + arn, c -> {
            String sql = "SELECT id, previous_id, ts_ns, type, details FROM events WHERE arn = ?1"
                    + (!reverse ? " AND id > ?2 ORDER BY id"
                    : fromExclusive > 0 ? " AND id < ?2 ORDER BY id DESC" : " ORDER BY id DESC")
                    + " LIMIT ?3";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, arn);
                st.setLong(2, fromExclusive);
                st.setInt(3, Math.max(0, max));
                List<HistoryEvent> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(Rows.event(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Every RUNNING execution, oldest first, with its frames and the id of its last event (0 when none). */
    List<Resumable> running() {
        return read("the running executions", c -> {
            List<ExecutionRecord> records = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(SELECT_EXECUTION
                    + " WHERE status = 'RUNNING' ORDER BY start_ns, arn");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    records.add(rows.execution(rs));
                }
            }
            List<Resumable> out = new ArrayList<>(records.size());
            try (PreparedStatement last = c.prepareStatement("SELECT max(id) FROM events WHERE arn = ?");
                 PreparedStatement frames = c.prepareStatement(
                         "SELECT frame_key, document FROM frames WHERE arn = ? ORDER BY frame_key")) {
                for (ExecutionRecord r : records) {
                    last.setString(1, r.executionArn());
                    long lastId;
                    try (ResultSet rs = last.executeQuery()) {
                        lastId = rs.next() ? rs.getLong(1) : 0;
                    }
                    frames.setString(1, r.executionArn());
                    Map<String, String> documents = new LinkedHashMap<>();
                    try (ResultSet rs = frames.executeQuery()) {
                        while (rs.next()) {
                            documents.put(rs.getString(1), rs.getString(2));
                        }
                    }
                    out.add(new Resumable(r, lastId, documents));
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        for (Connection c = pool.poll(); c != null; c = pool.poll()) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing was being written on it
            }
        }
    }
}
