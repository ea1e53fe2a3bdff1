package dev.lamina.store.sql;

import dev.lamina.model.FunctionName;
import dev.lamina.model.ProvisionedConcurrencyConfig;
import dev.lamina.model.Qualifier;
import dev.lamina.store.ProvisionedConcurrencyRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlProvisionedConcurrencyRepository implements ProvisionedConcurrencyRepository {
    private final Jdbc jdbc;

    SqlProvisionedConcurrencyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ProvisionedConcurrencyConfig> find(FunctionName function, Qualifier qualifier) {
        return jdbc.one("SELECT * FROM provisioned_concurrency WHERE function_name = ? AND qualifier = ?",
                SqlProvisionedConcurrencyRepository::map, function.value(), qualifier.value());
    }

    @Override
    public void put(ProvisionedConcurrencyConfig c) {
        jdbc.update("INSERT INTO provisioned_concurrency (function_name, qualifier, requested, last_modified)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (function_name, qualifier)"
                        + " DO UPDATE SET requested = excluded.requested, last_modified = excluded.last_modified",
                c.function().value(), c.qualifier().value(), c.requested(), c.lastModified().toEpochMilli());
    }

    @Override
    public void delete(FunctionName function, Qualifier qualifier) {
        jdbc.update("DELETE FROM provisioned_concurrency WHERE function_name = ? AND qualifier = ?",
                function.value(), qualifier.value());
    }

    @Override
    public List<ProvisionedConcurrencyConfig> list(FunctionName function, Optional<String> after, int limit) {
        return jdbc.list("SELECT * FROM provisioned_concurrency WHERE function_name = ? AND qualifier > ?"
                        + " ORDER BY qualifier LIMIT ?", SqlProvisionedConcurrencyRepository::map,
                function.value(), after.orElse(""), limit);
    }

    @Override
    public List<ProvisionedConcurrencyConfig> all() {
        return jdbc.list("SELECT * FROM provisioned_concurrency ORDER BY function_name, qualifier",
                SqlProvisionedConcurrencyRepository::map);
    }

    @Override
    public long requestedTotal(Optional<FunctionName> except) {
        return jdbc.scalar("SELECT COALESCE(SUM(requested), 0) FROM provisioned_concurrency WHERE function_name <> ?",
                except.map(FunctionName::value).orElse(""));
    }

    private static ProvisionedConcurrencyConfig map(ResultSet rs) throws SQLException {
        return new ProvisionedConcurrencyConfig(new FunctionName(rs.getString("function_name")),
                Qualifier.parse(rs.getString("qualifier")), rs.getInt("requested"),
                Instant.ofEpochMilli(rs.getLong("last_modified")));
    }
}
