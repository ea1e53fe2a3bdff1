package dev.lamina.store.sql;

import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.RecursiveLoop;
import dev.lamina.store.FunctionRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

final class SqlFunctionRepository implements FunctionRepository {
    private final Jdbc jdbc;

    SqlFunctionRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<FunctionRecord> find(FunctionName name) {
        return jdbc.one("SELECT * FROM functions WHERE name = ?", SqlFunctionRepository::map, name.value());
    }

    @Override
    public void insert(FunctionRecord f) {
        jdbc.update("INSERT INTO functions (name, tags, reserved_concurrency, last_published_version, created_at,"
                        + " recursive_loop) VALUES (?, ?, ?, ?, ?, ?)",
                f.name().value(), ConfigJson.writeStringMap(f.tags()), reserved(f), f.lastPublishedVersion(),
                f.createdAt().toEpochMilli(), f.recursiveLoop().wire());
    }

    @Override
    public void update(FunctionRecord f) {
        jdbc.update("UPDATE functions SET tags = ?, reserved_concurrency = ?, last_published_version = ?,"
                        + " recursive_loop = ? WHERE name = ?",
                ConfigJson.writeStringMap(f.tags()), reserved(f), f.lastPublishedVersion(), f.recursiveLoop().wire(),
                f.name().value());
    }

    @Override
    public void delete(FunctionName name) {
        jdbc.update("DELETE FROM provisioned_concurrency WHERE function_name = ?", name.value());
        jdbc.update("DELETE FROM event_invoke_configs WHERE function_name = ?", name.value());
        jdbc.update("DELETE FROM function_policies WHERE function_name = ?", name.value());
        jdbc.update("DELETE FROM function_urls WHERE function_name = ?", name.value());
        jdbc.update("DELETE FROM aliases WHERE function_name = ?", name.value());
        jdbc.update("DELETE FROM function_versions WHERE function_name = ?", name.value());
        jdbc.update("DELETE FROM functions WHERE name = ?", name.value());
    }

    @Override
    public List<FunctionName> names(Optional<FunctionName> after, int limit) {
        return jdbc.list("SELECT name FROM functions WHERE name > ? ORDER BY name LIMIT ?",
                rs -> new FunctionName(rs.getString(1)), after.map(FunctionName::value).orElse(""), limit);
    }

    @Override
    public long count() {
        return jdbc.scalar("SELECT COUNT(*) FROM functions");
    }

    @Override
    public long reservedConcurrencyTotal(Optional<FunctionName> except) {
        return jdbc.scalar("SELECT COALESCE(SUM(reserved_concurrency), 0) FROM functions WHERE name <> ?",
                except.map(FunctionName::value).orElse(""));
    }

    private static Integer reserved(FunctionRecord f) {
        return f.reservedConcurrency().isPresent() ? f.reservedConcurrency().getAsInt() : null;
    }

    private static FunctionRecord map(ResultSet rs) throws SQLException {
        Long reserved = Jdbc.nullableLong(rs, "reserved_concurrency");
        return new FunctionRecord(
                new FunctionName(rs.getString("name")),
                ConfigJson.readStringMap(rs.getString("tags")),
                reserved == null ? OptionalInt.empty() : OptionalInt.of(reserved.intValue()),
                rs.getLong("last_published_version"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                RecursiveLoop.parse(rs.getString("recursive_loop")).orElseThrow());
    }
}
