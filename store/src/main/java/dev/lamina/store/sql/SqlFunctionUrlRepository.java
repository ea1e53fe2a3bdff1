package dev.lamina.store.sql;

import dev.lamina.model.FunctionName;
import dev.lamina.store.gateway.urls.FunctionUrlRepository;
import dev.lamina.store.gateway.urls.StoredFunctionUrl;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlFunctionUrlRepository implements FunctionUrlRepository {
    private final Jdbc jdbc;

    SqlFunctionUrlRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredFunctionUrl> byId(String urlId) {
        return jdbc.one("SELECT * FROM function_urls WHERE url_id = ?", SqlFunctionUrlRepository::map, urlId);
    }

    @Override
    public Optional<StoredFunctionUrl> find(FunctionName function, String qualifier) {
        return jdbc.one("SELECT * FROM function_urls WHERE function_name = ? AND qualifier = ?",
                SqlFunctionUrlRepository::map, function.value(), qualifier);
    }

    @Override
    public void insert(StoredFunctionUrl u) {
        jdbc.update("INSERT INTO function_urls (url_id, function_name, qualifier, auth_type, invoke_mode, cors,"
                        + " created, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", u.urlId(), u.function().value(),
                u.qualifier(), u.authType(), u.invokeMode().orElse(null), u.cors().orElse(null),
                u.created().toEpochMilli(), u.lastModified().toEpochMilli());
    }

    @Override
    public void update(StoredFunctionUrl u) {
        jdbc.update("UPDATE function_urls SET auth_type = ?, invoke_mode = ?, cors = ?, last_modified = ?"
                        + " WHERE url_id = ?", u.authType(), u.invokeMode().orElse(null), u.cors().orElse(null),
                u.lastModified().toEpochMilli(), u.urlId());
    }

    @Override
    public boolean delete(FunctionName function, String qualifier) {
        return jdbc.update("DELETE FROM function_urls WHERE function_name = ? AND qualifier = ?", function.value(),
                qualifier) > 0;
    }

    @Override
    public List<StoredFunctionUrl> list(FunctionName function, Optional<String> after, int limit) {
        return after.isEmpty()
                ? jdbc.list("SELECT * FROM function_urls WHERE function_name = ? ORDER BY qualifier LIMIT ?",
                SqlFunctionUrlRepository::map, function.value(), limit)
                : jdbc.list("SELECT * FROM function_urls WHERE function_name = ? AND qualifier > ?"
                + " ORDER BY qualifier LIMIT ?", SqlFunctionUrlRepository::map, function.value(), after.get(), limit);
    }

    private static StoredFunctionUrl map(ResultSet rs) throws SQLException {
        return new StoredFunctionUrl(rs.getString("url_id"), new FunctionName(rs.getString("function_name")),
                rs.getString("qualifier"), rs.getString("auth_type"), Optional.ofNullable(rs.getString("invoke_mode")),
                Optional.ofNullable(rs.getString("cors")), Instant.ofEpochMilli(rs.getLong("created")),
                Instant.ofEpochMilli(rs.getLong("last_modified")));
    }
}
