package dev.lamina.store.sql;

import dev.lamina.store.eventbridge.EventBridgeDocument;
import dev.lamina.store.eventbridge.EventBridgeRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlEventBridgeRepository implements EventBridgeRepository {
    private final Jdbc jdbc;

    SqlEventBridgeRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<EventBridgeDocument> find(EventBridgeDocument.Kind kind, String scope, String name) {
        return jdbc.one("SELECT * FROM eventbridge_documents WHERE kind = ? AND scope = ? AND name = ?",
                SqlEventBridgeRepository::document, kind.column(), scope, name);
    }

    @Override
    public List<EventBridgeDocument> list(EventBridgeDocument.Kind kind, String scope) {
        return jdbc.list("SELECT * FROM eventbridge_documents WHERE kind = ? AND scope = ? ORDER BY name",
                SqlEventBridgeRepository::document, kind.column(), scope);
    }

    @Override
    public List<EventBridgeDocument> all(EventBridgeDocument.Kind kind) {
        return jdbc.list("SELECT * FROM eventbridge_documents WHERE kind = ? ORDER BY scope, name",
                SqlEventBridgeRepository::document, kind.column());
    }

    @Override
    public void put(EventBridgeDocument d) {
        jdbc.update("INSERT INTO eventbridge_documents (kind, scope, name, document, created) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (kind, scope, name) DO UPDATE SET document = excluded.document",
                d.kind().column(), d.scope(), d.name(), d.document(), d.created().toEpochMilli());
    }

    @Override
    public boolean delete(EventBridgeDocument.Kind kind, String scope, String name) {
        return jdbc.update("DELETE FROM eventbridge_documents WHERE kind = ? AND scope = ? AND name = ?",
                kind.column(), scope, name) > 0;
    }

    private static EventBridgeDocument document(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new EventBridgeDocument(EventBridgeDocument.Kind.ofColumn(rs.getString("kind")), rs.getString("scope"),
                rs.getString("name"), rs.getString("document"), Instant.ofEpochMilli(rs.getLong("created")));
    }
}
