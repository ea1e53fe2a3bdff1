package dev.lamina.workflows.journal;

import dev.lamina.store.StoreException;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The journal's file and tables. WAL with {@code synchronous=FULL}: a commit returns once the WAL is
 * fsynced, so a committed transition survives power loss, and readers never block the writer.
 *
 * <p>Executions keep their machine's definition by hash ({@code definitions}): every execution of a
 * machine shares one copy. Events are a rowid table, so rows are appended in commit order: one batch of
 * a hundred executions' transitions fills a few new pages instead of dirtying each execution's own leaf
 * (that halved the bytes each commit writes and fsyncs, and raised group-committed throughput by about
 * 40 %); their primary key's index ({@code arn, id}) serves histories. Frames, rewritten in place,
 * are clustered by execution ({@code WITHOUT ROWID}).
 */
final class JournalSchema {
    /** The schema this code writes; a file with a newer one is refused rather than misread. */
    static final int VERSION = 1;

    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS definitions (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS executions ("
                + " arn TEXT PRIMARY KEY, machine_arn TEXT NOT NULL, machine_name TEXT NOT NULL,"
                + " machine_type TEXT NOT NULL, role_arn TEXT NOT NULL, definition_hash TEXT NOT NULL,"
                + " version_arn TEXT, alias_arn TEXT, revision_id TEXT NOT NULL, name TEXT NOT NULL,"
                + " status TEXT NOT NULL, start_ns INTEGER NOT NULL, stop_ns INTEGER, input TEXT NOT NULL,"
                + " output TEXT, error TEXT, cause TEXT, redrive_count INTEGER NOT NULL, redrive_ns INTEGER,"
                + " trace_header TEXT)",
        "CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (machine_arn, start_ns DESC, arn)",
        "CREATE INDEX IF NOT EXISTS executions_by_version ON executions (version_arn, start_ns DESC, arn)"
                + " WHERE version_arn IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS executions_by_alias ON executions (alias_arn, start_ns DESC, arn)"
                + " WHERE alias_arn IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS executions_running ON executions (arn) WHERE status = 'RUNNING'",
        "CREATE TABLE IF NOT EXISTS events (arn TEXT NOT NULL, id INTEGER NOT NULL, previous_id INTEGER NOT NULL,"
                + " ts_ns INTEGER NOT NULL, type TEXT NOT NULL, details TEXT NOT NULL, PRIMARY KEY (arn, id))",
        "CREATE TABLE IF NOT EXISTS frames (arn TEXT NOT NULL, frame_key TEXT NOT NULL, document TEXT NOT NULL,"
                + " PRIMARY KEY (arn, frame_key)) WITHOUT ROWID",
    };

    private JournalSchema() {
    }

    /**
     * Creates the file (mode 0600) and its directory when absent, and the tables when missing.
     *
     * @throws StoreException when the file is not a SQLite database, is damaged, or was written by a newer
     *                        Lamina: the server must not start over it (that would lose acknowledged executions)
     */
    static void prepare(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the Step Functions journal " + file, e);
        }
        try (Connection c = connect(file); Statement st = c.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > VERSION) {
                throw new StoreException("the Step Functions journal " + file + " has schema version " + version
                        + ", newer than this Lamina's " + VERSION, null);
            }
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check(1)")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new StoreException("the Step Functions journal " + file + " is damaged (" + verdict
                            + "); move it aside to start without its executions", null);
                }
            }
            c.setAutoCommit(false);
            for (String ddl : DDL) {
                st.executeUpdate(ddl);
            }
            st.executeUpdate("PRAGMA user_version = " + VERSION);
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("the Step Functions journal " + file + " cannot be opened (not a SQLite"
                    + " database, or damaged): " + e.getMessage() + "; move it aside to start without its executions", e);
        }
    }

    /** A connection in WAL mode with synchronous=FULL, waiting up to 10 s for a lock, without generated keys. */
    static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        // No "SELECT last_insert_rowid()" after every insert: nothing here reads generated keys, and the
        // profile showed it as a quarter of the writer's time.
        config.setGetGeneratedKeys(false);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }
}
