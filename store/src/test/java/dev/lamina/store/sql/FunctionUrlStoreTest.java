package dev.lamina.store.sql;

import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import dev.lamina.store.StoreException;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.urls.StoredFunctionUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionUrlStoreTest {
    static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2026-12-01T11:00:00Z");
    static final FunctionName APP = new FunctionName("app");

    @TempDir
    Path dir;

    private static StoredFunctionUrl url(String id, String qualifier) {
        return new StoredFunctionUrl(id, APP, qualifier, "NONE", Optional.empty(), Optional.empty(), T1, T1);
    }

    @Test
    void aUrlSurvivesAReopenAndIsFoundByIdAndByQualifier() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), Fixtures.sealer())) {
            store.write(tx -> {
                tx.functionUrls().insert(url("a".repeat(32), ""));
                tx.functionUrls().insert(new StoredFunctionUrl("b".repeat(32), APP, "live", "AWS_IAM",
                        Optional.of("RESPONSE_STREAM"), Optional.of("{\"AllowOrigins\":[\"*\"]}"), T1, T2));
                return null;
            });
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), Fixtures.sealer())) {
            StoredFunctionUrl live = store.read((Transaction tx) -> tx.functionUrls().byId("b".repeat(32))).orElseThrow();
            assertThat(live.qualifier()).isEqualTo("live");
            assertThat(live.authType()).isEqualTo("AWS_IAM");
            assertThat(live.invokeMode()).contains("RESPONSE_STREAM");
            assertThat(live.cors()).contains("{\"AllowOrigins\":[\"*\"]}");
            assertThat(live.created()).isEqualTo(T1);
            assertThat(live.lastModified()).isEqualTo(T2);
            assertThat(store.read((Transaction tx) -> tx.functionUrls().find(APP, ""))).get()
                    .extracting(StoredFunctionUrl::urlId).isEqualTo("a".repeat(32));
        }
    }

    @Test
    void oneUrlPerFunctionAndQualifier() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), Fixtures.sealer())) {
            store.write(tx -> {
                tx.functionUrls().insert(url("a".repeat(32), ""));
                return null;
            });
            assertThatThrownBy(() -> store.write(tx -> {
                tx.functionUrls().insert(url("c".repeat(32), ""));
                return null;
            })).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void updatesReplaceTheSettingsAndListingPagesByQualifier() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), Fixtures.sealer())) {
            store.write(tx -> {
                tx.functionUrls().insert(url("a".repeat(32), ""));
                tx.functionUrls().insert(url("b".repeat(32), "blue"));
                tx.functionUrls().insert(url("c".repeat(32), "green"));
                tx.functionUrls().update(new StoredFunctionUrl("b".repeat(32), APP, "blue", "AWS_IAM",
                        Optional.of("BUFFERED"), Optional.empty(), T1, T2));
                return null;
            });
            assertThat(store.read((Transaction tx) -> tx.functionUrls().list(APP, Optional.empty(), 2)))
                    .extracting(StoredFunctionUrl::qualifier).containsExactly("", "blue");
            assertThat(store.read((Transaction tx) -> tx.functionUrls().list(APP, Optional.of("blue"), 2)))
                    .extracting(StoredFunctionUrl::qualifier).containsExactly("green");
            StoredFunctionUrl blue = store.read((Transaction tx) -> tx.functionUrls().find(APP, "blue")).orElseThrow();
            assertThat(blue.authType()).isEqualTo("AWS_IAM");
            assertThat(blue.lastModified()).isEqualTo(T2);
        }
    }

    @Test
    void deletingAnAliasOrTheFunctionDeletesItsUrls() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), Fixtures.sealer())) {
            store.write(tx -> {
                tx.functionUrls().insert(url("a".repeat(32), ""));
                tx.functionUrls().insert(url("b".repeat(32), "live"));
                tx.aliases().delete(APP, (Qualifier.Alias) Qualifier.parse("live"));
                return null;
            });
            assertThat(store.read((Transaction tx) -> tx.functionUrls().byId("b".repeat(32)))).isEmpty();
            assertThat(store.read((Transaction tx) -> tx.functionUrls().byId("a".repeat(32)))).isPresent();
            store.write(tx -> {
                tx.functionUrls().insert(url("b".repeat(32), "live"));
                tx.functions().delete(APP);
                return null;
            });
            assertThat(store.read((Transaction tx) -> tx.functionUrls().list(APP, Optional.empty(), 10))).isEmpty();
            boolean deleted = store.write((Transaction tx) -> tx.functionUrls().delete(APP, ""));
            assertThat(deleted).isFalse();
        }
    }
}
