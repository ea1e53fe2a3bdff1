package dev.lamina.store.sql;

import dev.lamina.model.EventInvokeConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import dev.lamina.store.EventInvokeConfigRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

final class SqlEventInvokeConfigRepository implements EventInvokeConfigRepository {
    private final Jdbc jdbc;

    SqlEventInvokeConfigRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<EventInvokeConfig> find(FunctionName function, Qualifier qualifier) {
        return jdbc.one("SELECT * FROM event_invoke_configs WHERE function_name = ? AND qualifier = ?",
                SqlEventInvokeConfigRepository::map, function.value(), qualifier.value());
    }

    @Override
    public void put(EventInvokeConfig c) {
        jdbc.update("INSERT INTO event_invoke_configs (function_name, qualifier, max_retry_attempts, max_event_age,"
                        + " on_success, on_failure, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (function_name, qualifier) DO UPDATE SET max_retry_attempts = excluded.max_retry_attempts,"
                        + " max_event_age = excluded.max_event_age, on_success = excluded.on_success,"
                        + " on_failure = excluded.on_failure, last_modified = excluded.last_modified",
                c.function().value(), c.qualifier().value(), boxed(c.maximumRetryAttempts()),
                boxed(c.maximumEventAgeInSeconds()), c.onSuccess().orElse(null), c.onFailure().orElse(null),
                c.lastModified().toEpochMilli());
    }

    @Override
    public boolean delete(FunctionName function, Qualifier qualifier) {
        return jdbc.update("DELETE FROM event_invoke_configs WHERE function_name = ? AND qualifier = ?",
                function.value(), qualifier.value()) > 0;
    }

    @Override
    public List<EventInvokeConfig> list(FunctionName function, Optional<String> after, int limit) {
        return jdbc.list("SELECT * FROM event_invoke_configs WHERE function_name = ? AND qualifier > ?"
                + " ORDER BY qualifier LIMIT ?", SqlEventInvokeConfigRepository::map, function.value(), after.orElse(""), limit);
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static OptionalInt optional(ResultSet rs, String column) throws SQLException {
        Long v = Jdbc.nullableLong(rs, column);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v.intValue());
    }

    private static EventInvokeConfig map(ResultSet rs) throws SQLException {
        return new EventInvokeConfig(new FunctionName(rs.getString("function_name")),
                Qualifier.parse(rs.getString("qualifier")), optional(rs, "max_retry_attempts"),
                optional(rs, "max_event_age"), Optional.ofNullable(rs.getString("on_success")),
                Optional.ofNullable(rs.getString("on_failure")), Instant.ofEpochMilli(rs.getLong("last_modified")));
    }
}
