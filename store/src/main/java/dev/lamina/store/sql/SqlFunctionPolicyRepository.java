package dev.lamina.store.sql;

import dev.lamina.model.FunctionName;
import dev.lamina.store.iam.FunctionPolicy;
import dev.lamina.store.iam.FunctionPolicyRepository;

import java.util.Optional;

final class SqlFunctionPolicyRepository implements FunctionPolicyRepository {
    private final Jdbc jdbc;

    SqlFunctionPolicyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<FunctionPolicy> find(FunctionName function, String qualifier) {
        return jdbc.one("SELECT * FROM function_policies WHERE function_name = ? AND qualifier = ?",
                rs -> new FunctionPolicy(new FunctionName(rs.getString("function_name")), rs.getString("qualifier"),
                        rs.getString("policy"), rs.getString("revision_id")), function.value(), qualifier);
    }

    @Override
    public void put(FunctionPolicy p) {
        jdbc.update("INSERT INTO function_policies (function_name, qualifier, policy, revision_id) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (function_name, qualifier) DO UPDATE SET policy = excluded.policy,"
                        + " revision_id = excluded.revision_id",
                p.function().value(), p.qualifier(), p.policy(), p.revisionId());
    }

    @Override
    public boolean delete(FunctionName function, String qualifier) {
        return jdbc.update("DELETE FROM function_policies WHERE function_name = ? AND qualifier = ?",
                function.value(), qualifier) > 0;
    }
}
