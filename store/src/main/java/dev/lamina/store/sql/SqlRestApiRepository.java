package dev.lamina.store.sql;

import dev.lamina.store.gateway.restapis.RestApiPart;
import dev.lamina.store.gateway.restapis.RestApiRepository;
import dev.lamina.store.gateway.restapis.StoredRestApi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlRestApiRepository implements RestApiRepository {
    private final Jdbc jdbc;

    SqlRestApiRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredRestApi> find(String id) {
        return jdbc.one("SELECT * FROM rest_apis WHERE id = ?", SqlRestApiRepository::api, id);
    }

    @Override
    public List<StoredRestApi> list(Optional<String> after, int limit) {
        return jdbc.list("SELECT * FROM rest_apis WHERE id > ? ORDER BY id LIMIT ?", SqlRestApiRepository::api,
                after.orElse(""), limit);
    }

    @Override
    public List<String> ids() {
        return jdbc.list("SELECT id FROM rest_apis ORDER BY id", rs -> rs.getString(1));
    }

    @Override
    public void put(StoredRestApi api) {
        // An upsert, not INSERT OR REPLACE: a replace deletes the row first, and with it every part.
        jdbc.update("INSERT INTO rest_apis (id, created, document) VALUES (?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET document = excluded.document",
                api.id(), api.created().toEpochMilli(), api.document());
    }

    @Override
    public boolean delete(String id) {
        jdbc.update("DELETE FROM rest_api_parts WHERE api_id = ?", id);
        return jdbc.update("DELETE FROM rest_apis WHERE id = ?", id) > 0;
    }

    @Override
    public Optional<RestApiPart> part(String apiId, String kind, String id) {
        return jdbc.one("SELECT * FROM rest_api_parts WHERE api_id = ? AND kind = ? AND part_id = ?",
                SqlRestApiRepository::part, apiId, kind, id);
    }

    @Override
    public List<RestApiPart> parts(String apiId, String kind) {
        return jdbc.list("SELECT * FROM rest_api_parts WHERE api_id = ? AND kind = ? ORDER BY created, part_id",
                SqlRestApiRepository::part, apiId, kind);
    }

    @Override
    public void putPart(RestApiPart p) {
        jdbc.update("INSERT INTO rest_api_parts (api_id, kind, part_id, created, document) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (api_id, kind, part_id) DO UPDATE SET document = excluded.document",
                p.apiId(), p.kind(), p.id(), p.created().toEpochMilli(), p.document());
    }

    @Override
    public boolean deletePart(String apiId, String kind, String id) {
        return jdbc.update("DELETE FROM rest_api_parts WHERE api_id = ? AND kind = ? AND part_id = ?",
                apiId, kind, id) > 0;
    }

    private static StoredRestApi api(ResultSet rs) throws SQLException {
        return new StoredRestApi(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("created")),
                rs.getString("document"));
    }

    private static RestApiPart part(ResultSet rs) throws SQLException {
        return new RestApiPart(rs.getString("api_id"), rs.getString("kind"), rs.getString("part_id"),
                Instant.ofEpochMilli(rs.getLong("created")), rs.getString("document"));
    }
}
