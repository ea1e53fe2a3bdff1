package dev.lamina.store.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;
import dev.lamina.store.StoreException;
import dev.lamina.store.Transaction;
import dev.lamina.store.secrets.AesGcmSealer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedEnvironmentTest {
    private static final String SECRET = "last-but-first";
    private static final FunctionName F = new FunctionName("f");

    @TempDir
    Path dir;

    @Test
    void variablesReachTheDatabaseFilesSealedAndReadBackInTheClear() throws IOException {
        FunctionVersion v = version();
        try (SqliteStore store = SqliteStore.open(db(), Fixtures.sealer())) {
            insert(store, v);
            assertThat(rawBytesOfTheDatabase()).doesNotContain(SECRET).doesNotContain("ZED");
        }
        assertThat(rawBytesOfTheDatabase()).doesNotContain(SECRET).doesNotContain("ZED").contains("lamina:v1:");
        try (SqliteStore store = SqliteStore.open(db(), Fixtures.sealer())) {
            assertThat(store.read((Transaction tx) -> tx.versions().find(F, Qualifier.LATEST))).contains(v);
        }
    }

    @Test
    void rowsWrittenInTheClearBeforeSealingAreSealedWhenTheStoreOpens() throws Exception {
        FunctionVersion v = version();
        try (SqliteStore store = SqliteStore.open(db(), Fixtures.sealer())) {
            insert(store, v);
        }
        writeEnvironmentInTheClear();
        assertThat(rawBytesOfTheDatabase()).contains(SECRET);

        try (SqliteStore store = SqliteStore.open(db(), Fixtures.sealer())) {
            assertThat(store.read((Transaction tx) -> tx.versions().find(F, Qualifier.LATEST))).contains(v);
        }
        assertThat(rawBytesOfTheDatabase()).doesNotContain(SECRET).doesNotContain("ZED");
    }

    @Test
    void aStoreOpenedWithAnotherMasterKeyFailsToOpenAndSaysWhy() {
        try (SqliteStore store = SqliteStore.open(db(), Fixtures.sealer())) {
            insert(store, version());
        }
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> SqliteStore.open(db(), new AesGcmSealer(otherKey, "environment-variables")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("do not open with this master key")
                .hasMessageContaining("LAMINA_MASTER_KEY");
        // Nothing was changed by the failed start: the right key still reads everything.
        try (SqliteStore store = SqliteStore.open(db(), Fixtures.sealer())) {
            assertThat(store.read((Transaction tx) -> tx.versions().find(F, Qualifier.LATEST))).isPresent();
        }
    }

    @Test
    void variablesSealedForAnotherPurposeDoNotOpenAsEnvironmentVariables() {
        try (SqliteStore store = SqliteStore.open(db(), Fixtures.sealer())) {
            insert(store, version());
        }
        assertThatThrownBy(() -> SqliteStore.open(db(), new AesGcmSealer(new byte[32], "user-secrets")))
                .isInstanceOf(StoreException.class).hasMessageContaining("do not open");
    }

    private Path db() {
        return dir.resolve("lamina.db");
    }

    private static FunctionVersion version() {
        var code = Fixtures.code("a");
        return new FunctionVersion(F, Qualifier.LATEST, Fixtures.fullConfig(), code,
                Optional.of(new FunctionVersion.Deployed(Fixtures.fullConfig().withDescription("old"), code)),
                DeploymentState.ACTIVE, Optional.empty(), "rev", Fixtures.NOW);
    }

    private static void insert(SqliteStore store, FunctionVersion v) {
        store.write(tx -> {
            tx.functions().insert(Fixtures.function(v.functionName().value()));
            tx.versions().insert(v);
            return null;
        });
    }

    /** What an older Lamina wrote: the variables as a plain JSON object, in both configurations. */
    private void writeEnvironmentInTheClear() throws SQLException, IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode plain = json.createObjectNode();
        Fixtures.fullConfig().environment().forEach(plain::put);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             PreparedStatement read = c.prepareStatement("SELECT config, deployed_config FROM function_versions");
             var rs = read.executeQuery()) {
            rs.next();
            ObjectNode config = (ObjectNode) json.readTree(rs.getString(1));
            ObjectNode deployed = (ObjectNode) json.readTree(rs.getString(2));
            config.set("environment", plain);
            deployed.set("environment", plain);
            try (PreparedStatement write = c.prepareStatement(
                    "UPDATE function_versions SET config = ?, deployed_config = ?")) {
                write.setString(1, config.toString());
                write.setString(2, deployed.toString());
                write.executeUpdate();
            }
        }
    }

    /** Every file SQLite keeps for the database (main file, WAL, shared memory), as text. */
    private String rawBytesOfTheDatabase() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("lamina.db")).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
