package dev.lamina.store.sql;

import dev.lamina.model.Alias;
import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import dev.lamina.store.AliasRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class SqlAliasRepository implements AliasRepository {
    private final Jdbc jdbc;

    SqlAliasRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Alias> find(FunctionName function, Qualifier.Alias name) {
        return jdbc.one("SELECT * FROM aliases WHERE function_name = ? AND name = ?", SqlAliasRepository::map,
                function.value(), name.name());
    }

    @Override
    public void insert(Alias a) {
        jdbc.update("INSERT INTO aliases (function_name, name, function_version, description, routing, revision_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                a.functionName().value(), a.name().name(), a.functionVersion(), a.description(),
                ConfigJson.writeWeights(a.additionalWeights()), a.revisionId());
    }

    @Override
    public void update(Alias a) {
        jdbc.update("UPDATE aliases SET function_version = ?, description = ?, routing = ?, revision_id = ?"
                        + " WHERE function_name = ? AND name = ?",
                a.functionVersion(), a.description(), ConfigJson.writeWeights(a.additionalWeights()), a.revisionId(),
                a.functionName().value(), a.name().name());
    }

    @Override
    public void delete(FunctionName function, Qualifier.Alias name) {
        // What was configured for the alias goes with it.
        jdbc.update("DELETE FROM provisioned_concurrency WHERE function_name = ? AND qualifier = ?",
                function.value(), name.name());
        jdbc.update("DELETE FROM function_policies WHERE function_name = ? AND qualifier = ?",
                function.value(), name.name());
        jdbc.update("DELETE FROM event_invoke_configs WHERE function_name = ? AND qualifier = ?",
                function.value(), name.name());
        jdbc.update("DELETE FROM function_urls WHERE function_name = ? AND qualifier = ?",
                function.value(), name.name());
        jdbc.update("DELETE FROM aliases WHERE function_name = ? AND name = ?", function.value(), name.name());
    }

    @Override
    public List<Alias> list(FunctionName function, Optional<String> version, Optional<String> after, int limit) {
        // Routing weights are few (AWS allows one), so filtering them here is cheaper than a join table.
        List<Alias> page = jdbc.list("SELECT * FROM aliases WHERE function_name = ? AND name > ? ORDER BY name",
                SqlAliasRepository::map, function.value(), after.orElse(""));
        return page.stream()
                .filter(a -> version.isEmpty() || a.functionVersion().equals(version.get())
                        || a.additionalWeights().containsKey(version.get()))
                .limit(limit)
                .toList();
    }

    private static Alias map(ResultSet rs) throws SQLException {
        return new Alias(
                new FunctionName(rs.getString("function_name")),
                new Qualifier.Alias(rs.getString("name")),
                rs.getString("function_version"),
                rs.getString("description"),
                ConfigJson.readWeights(rs.getString("routing")),
                rs.getString("revision_id"));
    }
}
