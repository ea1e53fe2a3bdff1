package dev.lamina.store.sql;

import dev.lamina.store.stepfunctions.StepFunctionsDocument;
import dev.lamina.store.stepfunctions.StepFunctionsRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlStepFunctionsRepository implements StepFunctionsRepository {
    private final Jdbc jdbc;

    SqlStepFunctionsRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StepFunctionsDocument> find(StepFunctionsDocument.Kind kind, String scope, String name) {
        return jdbc.one("SELECT * FROM stepfunctions_documents WHERE kind = ? AND scope = ? AND name = ?",
                SqlStepFunctionsRepository::document, kind.column(), scope, name);
    }

    @Override
    public List<StepFunctionsDocument> all(StepFunctionsDocument.Kind kind) {
        return jdbc.list("SELECT * FROM stepfunctions_documents WHERE kind = ? ORDER BY scope, name",
                SqlStepFunctionsRepository::document, kind.column());
    }

    @Override
    public void put(StepFunctionsDocument d) {
        jdbc.update("INSERT INTO stepfunctions_documents (kind, scope, name, document, created) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (kind, scope, name) DO UPDATE SET document = excluded.document",
                d.kind().column(), d.scope(), d.name(), d.document(), d.created().toEpochMilli());
    }

    @Override
    public boolean delete(StepFunctionsDocument.Kind kind, String scope, String name) {
        return jdbc.update("DELETE FROM stepfunctions_documents WHERE kind = ? AND scope = ? AND name = ?",
                kind.column(), scope, name) > 0;
    }

    private static StepFunctionsDocument document(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StepFunctionsDocument(StepFunctionsDocument.Kind.ofColumn(rs.getString("kind")),
                rs.getString("scope"), rs.getString("name"), rs.getString("document"),
                Instant.ofEpochMilli(rs.getLong("created")));
    }
}
