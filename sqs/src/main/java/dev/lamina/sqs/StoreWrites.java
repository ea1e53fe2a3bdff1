package dev.lamina.sqs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The writer thread's statements: one per kind of {@link Change}, prepared once. */
final class StoreWrites implements AutoCloseable {
    private final PreparedStatement putQueue;
    private final PreparedStatement dropQueue;
    private final PreparedStatement dropMessages;
    private final PreparedStatement dropDedup;
    private final PreparedStatement insert;
    private final PreparedStatement deliver;
    private final PreparedStatement remove;
    private final PreparedStatement move;
    private final PreparedStatement dedup;

    StoreWrites(Connection db) throws SQLException {
        putQueue = db.prepareStatement("INSERT INTO queues (name, created_at, modified_at, attributes, tags) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET created_at = excluded.created_at, modified_at = excluded.modified_at,"
                + " attributes = excluded.attributes, tags = excluded.tags");
        dropQueue = db.prepareStatement("DELETE FROM queues WHERE name = ?");
        dropMessages = db.prepareStatement("DELETE FROM messages WHERE queue = ?");
        dropDedup = db.prepareStatement("DELETE FROM dedup WHERE queue = ?");
        insert = db.prepareStatement("INSERT INTO messages (ordinal, queue, id, body, attributes, group_id, dedup_id, trace_header,"
                + " sender_id, sent_at, receive_count, first_receive_at, visible_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)");
        deliver = db.prepareStatement("UPDATE messages SET receive_count = ?, first_receive_at = ?, visible_at = ? WHERE ordinal = ?");
        remove = db.prepareStatement("DELETE FROM messages WHERE ordinal = ?");
        move = db.prepareStatement("UPDATE messages SET queue = ?, visible_at = ?, dlq_source = ?, receive_count = ?,"
                + " first_receive_at = CASE WHEN ? = 0 THEN 0 ELSE first_receive_at END WHERE ordinal = ?");
        dedup = db.prepareStatement("INSERT OR REPLACE INTO dedup (queue, dedup_id, message_id, ordinal, expires_at) VALUES (?, ?, ?, ?, ?)");
    }

    void apply(Change change) throws SQLException {
        switch (change) {
            case Change.PutQueue q -> {
                putQueue.setString(1, q.name());
                putQueue.setLong(2, q.createdAt());
                putQueue.setLong(3, q.modifiedAt());
                putQueue.setString(4, q.attributesJson());
                putQueue.setString(5, q.tagsJson());
                putQueue.executeUpdate();
            }
            case Change.DropQueue d -> {
                for (PreparedStatement st : new PreparedStatement[] {dropQueue, dropMessages, dropDedup}) {
                    st.setString(1, d.name());
                    st.executeUpdate();
                }
            }
            case Change.Insert i -> {
                Message m = i.message();
                insert.setLong(1, m.ordinal);
                insert.setString(2, i.queue());
                insert.setString(3, m.id);
                insert.setString(4, m.body);
                insert.setString(5, AttributeCodec.attributes(m.attributes));
                insert.setString(6, m.groupId.orElse(null));
                insert.setString(7, m.deduplicationId.orElse(null));
                insert.setString(8, m.traceHeader.orElse(null));
                insert.setString(9, m.senderId);
                insert.setLong(10, m.sentAt);
                insert.setLong(11, i.visibleAt());
                insert.executeUpdate();
            }
            case Change.Deliver d -> {
                deliver.setInt(1, d.receiveCount());
                deliver.setLong(2, d.firstReceiveAt());
                deliver.setLong(3, d.visibleAt());
                deliver.setLong(4, d.ordinal());
                deliver.executeUpdate();
            }
            case Change.Remove r -> {
                remove.setLong(1, r.ordinal());
                remove.executeUpdate();
            }
            case Change.Move m -> {
                move.setString(1, m.queue());
                move.setLong(2, m.visibleAt());
                move.setString(3, m.deadLetterSource());
                move.setInt(4, m.receiveCount());
                move.setInt(5, m.receiveCount());
                move.setLong(6, m.ordinal());
                move.executeUpdate();
            }
            case Change.Purge p -> {
                dropMessages.setString(1, p.queue());
                dropMessages.executeUpdate();
            }
            case Change.Dedup d -> {
                dedup.setString(1, d.queue());
                dedup.setString(2, d.deduplicationId());
                dedup.setString(3, d.messageId());
                dedup.setLong(4, d.ordinal());
                dedup.setLong(5, d.expiresAt());
                dedup.executeUpdate();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement st : new PreparedStatement[] {putQueue, dropQueue, dropMessages, dropDedup, insert, deliver, remove, move, dedup}) {
            st.close();
        }
    }
}
