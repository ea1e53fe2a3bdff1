package dev.lamina.store.sql;

import dev.lamina.model.FunctionName;
import dev.lamina.store.usage.UsageBucket;
import dev.lamina.store.usage.UsageFigures;
import dev.lamina.store.usage.UsageLine;
import dev.lamina.store.usage.UsageRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class SqlUsageRepository implements UsageRepository {
    private final Jdbc jdbc;

    SqlUsageRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Map<UsageBucket, UsageFigures> usage) {
        usage.forEach((b, f) -> jdbc.update("INSERT INTO function_usage (function_name, version, memory_mb, hour_start,"
                        + " requests, billed_ms, init_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (function_name, version, memory_mb, hour_start) DO UPDATE SET"
                        + " requests = requests + excluded.requests, billed_ms = billed_ms + excluded.billed_ms,"
                        + " init_ms = init_ms + excluded.init_ms",
                b.function().value(), b.version(), b.memoryMb(), b.hour().toEpochMilli(), f.requests(), f.billedMs(),
                f.initMs()));
    }

    @Override
    public List<UsageLine> sum(Instant from, Instant to, Optional<FunctionName> function) {
        // '' is no function's name, so it stands for "every function" without a second statement.
        return jdbc.list("SELECT function_name, version, memory_mb, SUM(requests) AS requests,"
                        + " SUM(billed_ms) AS billed_ms, SUM(init_ms) AS init_ms FROM function_usage"
                        + " WHERE hour_start >= ? AND hour_start < ? AND (? = '' OR function_name = ?)"
                        + " GROUP BY function_name, version, memory_mb ORDER BY function_name, version, memory_mb",
                SqlUsageRepository::line, from.toEpochMilli(), to.toEpochMilli(),
                function.map(FunctionName::value).orElse(""), function.map(FunctionName::value).orElse(""));
    }

    private static UsageLine line(ResultSet rs) throws SQLException {
        int memory = rs.getInt("memory_mb");
        long billed = rs.getLong("billed_ms");
        return new UsageLine(new FunctionName(rs.getString("function_name")), rs.getString("version"), memory,
                new UsageFigures(rs.getLong("requests"), billed, Math.multiplyExact(memory, billed),
                        rs.getLong("init_ms")));
    }
}
