package dev.lamina.sqs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies the write-ahead log into the database file in the background, on a connection of its own, so
 * that the writer's commits never pay for a checkpoint (SQLite's automatic checkpoint, which the writer
 * turns off, runs inside the commit that crosses the threshold and fsyncs the whole database file).
 * A passive checkpoint never blocks the writer; once it has copied everything, the writer's next
 * transaction starts the log from its beginning again.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    static final long PERIOD_MILLIS = 1000;

    private final Connection db;
    private final Thread thread;
    private volatile boolean closed;

    Checkpointer(Path file) throws SQLException {
        this.db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        this.thread = Thread.ofPlatform().name("lamina-sqs-checkpoint").daemon().start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MILLIS);
                checkpoint("PASSIVE");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void checkpoint(String mode) {
        if (closed && !mode.equals("TRUNCATE")) {
            return;
        }
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(" + mode + ")");
        } catch (SQLException e) {
            LOG.warn("the SQS database's checkpoint failed; the next one tries again", e);
        }
    }

    /** Stops, after a last checkpoint that empties the log (the writer has committed its last batch). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint("TRUNCATE");
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("closing the SQS checkpoint connection", e);
        }
    }
}
