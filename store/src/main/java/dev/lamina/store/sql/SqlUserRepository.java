package dev.lamina.store.sql;

import dev.lamina.store.iam.AccessKey;
import dev.lamina.store.iam.User;
import dev.lamina.store.iam.UserRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

final class SqlUserRepository implements UserRepository {
    private final Jdbc jdbc;

    SqlUserRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> find(String name) {
        return jdbc.one("SELECT * FROM iam_users WHERE name = ?", SqlUserRepository::user, name);
    }

    @Override
    public void insert(User user) {
        jdbc.update("INSERT INTO iam_users (name, user_id, created_at) VALUES (?, ?, ?)",
                user.name(), user.userId(), user.createdAt().toEpochMilli());
    }

    @Override
    public boolean delete(String name) {
        jdbc.update("DELETE FROM iam_access_keys WHERE user_name = ?", name);
        jdbc.update("DELETE FROM iam_user_policies WHERE user_name = ?", name);
        return jdbc.update("DELETE FROM iam_users WHERE name = ?", name) > 0;
    }

    @Override
    public List<User> list() {
        return jdbc.list("SELECT * FROM iam_users ORDER BY name", SqlUserRepository::user);
    }

    @Override
    public Optional<AccessKey> findKey(String accessKeyId) {
        return jdbc.one("SELECT * FROM iam_access_keys WHERE access_key_id = ?", SqlUserRepository::key, accessKeyId);
    }

    @Override
    public List<AccessKey> keys(String userName) {
        return jdbc.list("SELECT * FROM iam_access_keys WHERE user_name = ? ORDER BY created_at, access_key_id",
                SqlUserRepository::key, userName);
    }

    @Override
    public void insertKey(AccessKey key) {
        jdbc.update("INSERT INTO iam_access_keys (access_key_id, user_name, sealed_secret, created_at)"
                        + " VALUES (?, ?, ?, ?)", key.accessKeyId(), key.userName(), key.sealedSecret(),
                key.createdAt().toEpochMilli());
    }

    @Override
    public boolean deleteKey(String userName, String accessKeyId) {
        return jdbc.update("DELETE FROM iam_access_keys WHERE user_name = ? AND access_key_id = ?",
                userName, accessKeyId) > 0;
    }

    @Override
    public void putPolicy(String userName, String policyName, String document) {
        jdbc.update("INSERT INTO iam_user_policies (user_name, policy_name, document) VALUES (?, ?, ?)"
                + " ON CONFLICT (user_name, policy_name) DO UPDATE SET document = excluded.document",
                userName, policyName, document);
    }

    @Override
    public boolean deletePolicy(String userName, String policyName) {
        return jdbc.update("DELETE FROM iam_user_policies WHERE user_name = ? AND policy_name = ?",
                userName, policyName) > 0;
    }

    @Override
    public SortedMap<String, String> policies(String userName) {
        SortedMap<String, String> out = new TreeMap<>();
        jdbc.list("SELECT policy_name, document FROM iam_user_policies WHERE user_name = ?",
                rs -> out.put(rs.getString(1), rs.getString(2)), userName);
        return out;
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("name"), rs.getString("user_id"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static AccessKey key(ResultSet rs) throws SQLException {
        return new AccessKey(rs.getString("access_key_id"), rs.getString("user_name"), rs.getString("sealed_secret"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
