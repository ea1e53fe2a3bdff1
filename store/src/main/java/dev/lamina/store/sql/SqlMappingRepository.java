package dev.lamina.store.sql;

import dev.lamina.store.mappings.MappingRepository;
import dev.lamina.store.mappings.StoredMapping;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class SqlMappingRepository implements MappingRepository {
    private final Jdbc jdbc;

    SqlMappingRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredMapping> find(String uuid) {
        return jdbc.one("SELECT * FROM event_source_mappings WHERE uuid = ?", SqlMappingRepository::map, uuid);
    }

    @Override
    public void insert(StoredMapping m) {
        jdbc.update("INSERT INTO event_source_mappings (uuid, function_name, function_arn, event_source_arn, state,"
                        + " settings, last_modified, last_processing_result, state_transition_reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", m.uuid(), m.functionName(), m.functionArn(),
                m.eventSourceArn().orElse(null), m.state(), m.settings(), m.lastModified().toEpochMilli(),
                m.lastProcessingResult(), m.stateTransitionReason());
    }

    @Override
    public void update(StoredMapping m) {
        jdbc.update("UPDATE event_source_mappings SET function_name = ?, function_arn = ?, event_source_arn = ?,"
                        + " state = ?, settings = ?, last_modified = ?, last_processing_result = ?,"
                        + " state_transition_reason = ? WHERE uuid = ?", m.functionName(), m.functionArn(),
                m.eventSourceArn().orElse(null), m.state(), m.settings(), m.lastModified().toEpochMilli(),
                m.lastProcessingResult(), m.stateTransitionReason(), m.uuid());
    }

    @Override
    public boolean delete(String uuid) {
        jdbc.update("DELETE FROM event_source_checkpoints WHERE uuid = ?", uuid);
        return jdbc.update("DELETE FROM event_source_mappings WHERE uuid = ?", uuid) > 0;
    }

    @Override
    public List<StoredMapping> list(Optional<String> eventSourceArn, Optional<String> functionName,
                                    Optional<String> functionArn, Optional<String> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM event_source_mappings WHERE uuid > ?");
        List<Object> params = new ArrayList<>();
        params.add(after.orElse(""));
        eventSourceArn.ifPresent(a -> {
            sql.append(" AND event_source_arn = ?");
            params.add(a);
        });
        functionName.ifPresent(f -> {
            sql.append(" AND function_name = ?");
            params.add(f);
        });
        functionArn.ifPresent(f -> {
            sql.append(" AND function_arn = ?");
            params.add(f);
        });
        sql.append(" ORDER BY uuid LIMIT ?");
        params.add(limit);
        return jdbc.list(sql.toString(), SqlMappingRepository::map, params.toArray());
    }

    @Override
    public List<StoredMapping> all() {
        return jdbc.list("SELECT * FROM event_source_mappings ORDER BY uuid", SqlMappingRepository::map);
    }

    @Override
    public void updateStatus(String uuid, String lastProcessingResult, String stateTransitionReason) {
        jdbc.update("UPDATE event_source_mappings SET last_processing_result = ?, state_transition_reason = ?"
                + " WHERE uuid = ?", lastProcessingResult, stateTransitionReason, uuid);
    }

    @Override
    public Map<String, String> checkpoints(String uuid) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.list("SELECT key, value FROM event_source_checkpoints WHERE uuid = ? ORDER BY key",
                rs -> out.put(rs.getString("key"), rs.getString("value")), uuid);
        return out;
    }

    @Override
    public void putCheckpoint(String uuid, String key, String value) {
        jdbc.update("INSERT INTO event_source_checkpoints (uuid, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (uuid, key) DO UPDATE SET value = excluded.value", uuid, key, value);
    }

    private static StoredMapping map(ResultSet rs) throws SQLException {
        return new StoredMapping(rs.getString("uuid"), rs.getString("function_name"), rs.getString("function_arn"),
                Optional.ofNullable(rs.getString("event_source_arn")), rs.getString("state"), rs.getString("settings"),
                Instant.ofEpochMilli(rs.getLong("last_modified")), rs.getString("last_processing_result"),
                rs.getString("state_transition_reason"));
    }
}
