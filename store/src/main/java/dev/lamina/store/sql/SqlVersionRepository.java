package dev.lamina.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.CodeDigest;
import dev.lamina.model.CodeRef;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;
import dev.lamina.store.VersionRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlVersionRepository implements VersionRepository {
    private static final String COLUMNS = "function_name, number, config, code_sha256, code_size, code_unzipped_size,"
            + " deployed_config, deployed_code_sha256, deployed_code_size, deployed_code_unzipped_size,"
            + " state, failure_code, failure_reason, revision_id, last_modified";

    private final Jdbc jdbc;
    private final SealedEnvironment environment;

    SqlVersionRepository(Jdbc jdbc, SealedEnvironment environment) {
        this.jdbc = jdbc;
        this.environment = environment;
    }

    @Override
    public Optional<FunctionVersion> find(FunctionName function, Qualifier version) {
        return jdbc.one("SELECT " + COLUMNS + " FROM function_versions WHERE function_name = ? AND number = ?",
                this::map, function.value(), number(version));
    }

    @Override
    public void insert(FunctionVersion v) {
        jdbc.update("INSERT INTO function_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row(v));
    }

    @Override
    public void update(FunctionVersion v) {
        Object[] row = row(v);
        Object[] params = new Object[row.length];
        System.arraycopy(row, 2, params, 0, row.length - 2);
        params[row.length - 2] = row[0];
        params[row.length - 1] = row[1];
        jdbc.update("UPDATE function_versions SET config = ?, code_sha256 = ?, code_size = ?, code_unzipped_size = ?,"
                + " deployed_config = ?, deployed_code_sha256 = ?, deployed_code_size = ?, deployed_code_unzipped_size = ?,"
                + " state = ?, failure_code = ?, failure_reason = ?, revision_id = ?, last_modified = ?"
                + " WHERE function_name = ? AND number = ?", params);
    }

    @Override
    public void delete(FunctionName function, Qualifier.Version version) {
        // What was configured for the version goes with it.
        jdbc.update("DELETE FROM provisioned_concurrency WHERE function_name = ? AND qualifier = ?",
                function.value(), version.value());
        jdbc.update("DELETE FROM function_policies WHERE function_name = ? AND qualifier = ?",
                function.value(), version.value());
        jdbc.update("DELETE FROM event_invoke_configs WHERE function_name = ? AND qualifier = ?",
                function.value(), version.value());
        jdbc.update("DELETE FROM function_versions WHERE function_name = ? AND number = ?",
                function.value(), version.number());
    }

    @Override
    public List<FunctionVersion> list(FunctionName function, long afterNumber, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM function_versions WHERE function_name = ? AND number > ?"
                + " ORDER BY number LIMIT ?", this::map, function.value(), afterNumber, limit);
    }

    @Override
    public List<FunctionVersion> listLatest(Optional<FunctionName> after, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM function_versions WHERE number = 0 AND function_name > ?"
                + " ORDER BY function_name LIMIT ?", this::map,
                after.map(FunctionName::value).orElse(""), limit);
    }

    @Override
    public List<FunctionVersion> listAll(Optional<Key> after, int limit) {
        String name = after.map(k -> k.function().value()).orElse("");
        long number = after.map(Key::number).orElse(-1L);
        return jdbc.list("SELECT " + COLUMNS + " FROM function_versions"
                        + " WHERE function_name > ? OR (function_name = ? AND number > ?)"
                        + " ORDER BY function_name, number LIMIT ?",
                this::map, name, name, number, limit);
    }

    @Override
    public Optional<FunctionVersion> lastPublished(FunctionName function) {
        return jdbc.one("SELECT " + COLUMNS + " FROM function_versions WHERE function_name = ? AND number > 0"
                + " ORDER BY number DESC LIMIT 1", this::map, function.value());
    }

    @Override
    public List<FunctionVersion> inProgress() {
        return jdbc.list("SELECT " + COLUMNS + " FROM function_versions WHERE state IN (?, ?)",
                this::map, DeploymentState.CREATING.name(), DeploymentState.UPDATING.name());
    }

    @Override
    public boolean references(CodeDigest digest) {
        return jdbc.scalar("SELECT COUNT(*) FROM function_versions WHERE code_sha256 = ? OR deployed_code_sha256 = ?",
                digest.hex(), digest.hex()) > 0;
    }

    @Override
    public List<CodeDigest> referencedDigests() {
        return jdbc.list("SELECT code_sha256 FROM function_versions UNION"
                + " SELECT deployed_code_sha256 FROM function_versions WHERE deployed_code_sha256 IS NOT NULL",
                rs -> CodeDigest.ofHex(rs.getString(1)));
    }

    @Override
    public long totalCodeSize() {
        return jdbc.scalar("SELECT COALESCE(SUM(code_size), 0) FROM function_versions");
    }

    /**
     * Seals the environment variables of every row written before sealing existed, and opens one
     * sealed row, so that a store started with the wrong master key fails here rather than at the
     * first read of a function. Run once per start, inside a write transaction.
     *
     * @return how many rows were sealed
     */
    int sealPlaintextEnvironments() {
        record Stored(String function, long number, String config, String deployed) {
        }
        List<Stored> rows = jdbc.list("SELECT function_name, number, config, deployed_config FROM function_versions",
                rs -> new Stored(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
        int sealed = 0;
        boolean checked = false;
        for (Stored row : rows) {
            JsonNode stored = ConfigJson.storedEnvironment(row.config());
            boolean plain = SealedEnvironment.isPlaintext(stored) || row.deployed() != null
                    && SealedEnvironment.isPlaintext(ConfigJson.storedEnvironment(row.deployed()));
            if (plain) {
                jdbc.update("UPDATE function_versions SET config = ?, deployed_config = ? WHERE function_name = ? AND number = ?",
                        reseal(row.config()), row.deployed() == null ? null : reseal(row.deployed()),
                        row.function(), row.number());
                sealed++;
            } else if (!checked && SealedEnvironment.isSealed(stored)) {
                environment.read(stored);
                checked = true;
            }
        }
        return sealed;
    }

    private String reseal(String config) {
        return ConfigJson.write(ConfigJson.readConfig(config, environment), environment);
    }

    private static long number(Qualifier version) {
        return switch (version) {
            case Qualifier.Latest l -> 0L;
            case Qualifier.Version v -> v.number();
            case Qualifier.Alias a -> throw new IllegalArgumentException("an alias is not a version: " + a);
        };
    }

    private Object[] row(FunctionVersion v) {
        var deployed = v.deployed();
        return new Object[] {
            v.functionName().value(), number(v.version()), ConfigJson.write(v.config(), environment),
            v.code().digest().hex(), v.code().size(), v.code().unzippedSize(),
            deployed.map(d -> ConfigJson.write(d.config(), environment)).orElse(null),
            deployed.map(d -> d.code().digest().hex()).orElse(null),
            deployed.map(d -> d.code().size()).orElse(null),
            deployed.map(d -> d.code().unzippedSize()).orElse(null),
            v.state().name(),
            v.failure().map(FunctionVersion.Failure::reasonCode).orElse(null),
            v.failure().map(FunctionVersion.Failure::reason).orElse(null),
            v.revisionId(), v.lastModified().toEpochMilli()
        };
    }

    private FunctionVersion map(ResultSet rs) throws SQLException {
        long number = rs.getLong("number");
        String deployedConfig = rs.getString("deployed_config");
        Optional<FunctionVersion.Deployed> deployed = deployedConfig == null ? Optional.empty()
                : Optional.of(new FunctionVersion.Deployed(ConfigJson.readConfig(deployedConfig, environment),
                        new CodeRef(CodeDigest.ofHex(rs.getString("deployed_code_sha256")),
                                rs.getLong("deployed_code_size"), rs.getLong("deployed_code_unzipped_size"))));
        String failureCode = rs.getString("failure_code");
        return new FunctionVersion(
                new FunctionName(rs.getString("function_name")),
                number == 0 ? Qualifier.LATEST : new Qualifier.Version(number),
                ConfigJson.readConfig(rs.getString("config"), environment),
                new CodeRef(CodeDigest.ofHex(rs.getString("code_sha256")), rs.getLong("code_size"),
                        rs.getLong("code_unzipped_size")),
                deployed,
                DeploymentState.valueOf(rs.getString("state")),
                failureCode == null ? Optional.empty()
                        : Optional.of(new FunctionVersion.Failure(failureCode, rs.getString("failure_reason"))),
                rs.getString("revision_id"),
                Instant.ofEpochMilli(rs.getLong("last_modified")));
    }
}
