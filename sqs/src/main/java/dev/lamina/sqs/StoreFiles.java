package dev.lamina.sqs;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQS database ({@code sqs.db} in the service's directory, WAL with synchronous=FULL): its schema,
 * and reading everything back at start, when memory is rebuilt from it.
 */
final class StoreFiles {
    static final String FILE = "sqs.db";

    private StoreFiles() {
    }

    record QueueRow(String name, long createdAt, long modifiedAt, Map<String, String> attributes, Map<String, String> tags) {
    }

    record MessageRow(String queue, Message message) {
    }

    record DedupRow(String queue, String deduplicationId, String messageId, long ordinal, long expiresAt) {
    }

    record Loaded(List<QueueRow> queues, List<MessageRow> messages, List<DedupRow> dedup) {
    }

    /** Opens (creating when absent) the database; the connection is the writer's, not in auto-commit. */
    static Connection open(Path directory) throws IOException, SQLException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint = 0"); // the Checkpointer's work, off the commit path
            st.executeUpdate("CREATE TABLE IF NOT EXISTS queues (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL,"
                    + " modified_at INTEGER NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL)");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS messages (ordinal INTEGER PRIMARY KEY, queue TEXT NOT NULL,"
                    + " id TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT, group_id TEXT, dedup_id TEXT, trace_header TEXT,"
                    + " sender_id TEXT NOT NULL, sent_at INTEGER NOT NULL, receive_count INTEGER NOT NULL,"
                    + " first_receive_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, dlq_source TEXT)");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS messages_queue ON messages (queue)");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS dedup (queue TEXT NOT NULL, dedup_id TEXT NOT NULL,"
                    + " message_id TEXT NOT NULL, ordinal INTEGER NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (queue, dedup_id))");
        }
        db.setAutoCommit(false);
        return db;
    }

    /** Everything committed, messages in ordinal order. */
    static Loaded load(Connection db) throws SQLException {
        List<QueueRow> queues = new ArrayList<>();
        List<MessageRow> messages = new ArrayList<>();
        List<DedupRow> dedup = new ArrayList<>();
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT name, created_at, modified_at, attributes, tags FROM queues")) {
                while (rs.next()) {
                    queues.add(new QueueRow(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            AttributeCodec.strings(rs.getString(4)), AttributeCodec.strings(rs.getString(5))));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT ordinal, queue, id, body, attributes, group_id, dedup_id, trace_header,"
                    + " sender_id, sent_at, receive_count, first_receive_at, visible_at, dlq_source FROM messages ORDER BY ordinal")) {
                while (rs.next()) {
                    Message m = new Message(rs.getLong(1), rs.getString(3), rs.getString(4), AttributeCodec.attributes(rs.getString(5)),
                            Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)),
                            Optional.ofNullable(rs.getString(8)), rs.getString(9), rs.getLong(10));
                    m.receiveCount = rs.getInt(11);
                    m.firstReceiveAt = rs.getLong(12);
                    m.visibleAt = rs.getLong(13);
                    m.deadLetterSource = Optional.ofNullable(rs.getString(14));
                    messages.add(new MessageRow(rs.getString(2), m));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT queue, dedup_id, message_id, ordinal, expires_at FROM dedup ORDER BY expires_at")) {
                while (rs.next()) {
                    dedup.add(new DedupRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        db.commit();
        return new Loaded(queues, messages, dedup);
    }
}
