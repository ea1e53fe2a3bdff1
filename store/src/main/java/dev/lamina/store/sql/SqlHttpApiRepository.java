package dev.lamina.store.sql;

import dev.lamina.store.gateway.httpapis.HttpApiPart;
import dev.lamina.store.gateway.httpapis.HttpApiRepository;
import dev.lamina.store.gateway.httpapis.StoredHttpApi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlHttpApiRepository implements HttpApiRepository {
    private final Jdbc jdbc;

    SqlHttpApiRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredHttpApi> find(String apiId) {
        return jdbc.one("SELECT * FROM http_apis WHERE api_id = ?", SqlHttpApiRepository::api, apiId);
    }

    @Override
    public List<StoredHttpApi> list() {
        return jdbc.list("SELECT * FROM http_apis ORDER BY created, api_id", SqlHttpApiRepository::api);
    }

    @Override
    public void put(StoredHttpApi api) {
        jdbc.update("INSERT INTO http_apis (api_id, document, created) VALUES (?, ?, ?)"
                + " ON CONFLICT (api_id) DO UPDATE SET document = excluded.document",
                api.apiId(), api.document(), api.created().toEpochMilli());
    }

    @Override
    public boolean delete(String apiId) {
        jdbc.update("DELETE FROM http_api_parts WHERE api_id = ?", apiId);
        return jdbc.update("DELETE FROM http_apis WHERE api_id = ?", apiId) > 0;
    }

    @Override
    public Optional<HttpApiPart> findPart(String apiId, HttpApiPart.Kind kind, String partId) {
        return jdbc.one("SELECT * FROM http_api_parts WHERE api_id = ? AND kind = ? AND part_id = ?",
                SqlHttpApiRepository::part, apiId, kind.column(), partId);
    }

    @Override
    public List<HttpApiPart> parts(String apiId, HttpApiPart.Kind kind) {
        return jdbc.list("SELECT * FROM http_api_parts WHERE api_id = ? AND kind = ? ORDER BY created, part_id",
                SqlHttpApiRepository::part, apiId, kind.column());
    }

    @Override
    public void putPart(HttpApiPart p) {
        jdbc.update("INSERT INTO http_api_parts (api_id, kind, part_id, document, created) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (api_id, kind, part_id) DO UPDATE SET document = excluded.document",
                p.apiId(), p.kind().column(), p.partId(), p.document(), p.created().toEpochMilli());
    }

    @Override
    public boolean deletePart(String apiId, HttpApiPart.Kind kind, String partId) {
        return jdbc.update("DELETE FROM http_api_parts WHERE api_id = ? AND kind = ? AND part_id = ?",
                apiId, kind.column(), partId) > 0;
    }

    private static StoredHttpApi api(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredHttpApi(rs.getString("api_id"), rs.getString("document"),
                Instant.ofEpochMilli(rs.getLong("created")));
    }

    private static HttpApiPart part(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new HttpApiPart(rs.getString("api_id"), HttpApiPart.Kind.ofColumn(rs.getString("kind")),
                rs.getString("part_id"), rs.getString("document"), Instant.ofEpochMilli(rs.getLong("created")));
    }
}
