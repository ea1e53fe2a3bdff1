package dev.lamina.store.sql;

import dev.lamina.store.iam.Role;
import dev.lamina.store.iam.RoleRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlRoleRepository implements RoleRepository {
    private final Jdbc jdbc;

    SqlRoleRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Role> find(String name) {
        return jdbc.one("SELECT * FROM iam_roles WHERE name = ?", SqlRoleRepository::role, name);
    }

    @Override
    public void insert(Role role) {
        jdbc.update("INSERT INTO iam_roles (name, role_id, policy, created_at) VALUES (?, ?, ?, ?)",
                role.name(), role.roleId(), role.policy(), role.createdAt().toEpochMilli());
    }

    @Override
    public boolean delete(String name) {
        return jdbc.update("DELETE FROM iam_roles WHERE name = ?", name) > 0;
    }

    @Override
    public List<Role> list() {
        return jdbc.list("SELECT * FROM iam_roles ORDER BY name", SqlRoleRepository::role);
    }

    private static Role role(ResultSet rs) throws SQLException {
        return new Role(rs.getString("name"), rs.getString("role_id"), rs.getString("policy"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
