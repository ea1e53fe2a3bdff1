package dev.lamina.store.sql;

import dev.lamina.store.gateway.restapis.RestApiPart;
import dev.lamina.store.gateway.restapis.StoredRestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RestApiStoreTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    SqliteStore fresh() {
        return SqliteStore.open(dir.resolve("rest.db"), Fixtures.sealer());
    }

    @Test
    void anApiAndItsPartsSurviveAReopenAndAnUpdateKeepsTheParts() {
        try (SqliteStore store = fresh()) {
            store.write(tx -> {
                tx.restApis().put(new StoredRestApi("bbbbbbbbbb", T0, "{\"name\":\"b\"}"));
                tx.restApis().put(new StoredRestApi("aaaaaaaaaa", T0, "{\"name\":\"a\"}"));
                tx.restApis().putPart(new RestApiPart("aaaaaaaaaa", "resource", "r2", T0.plusSeconds(1), "{}"));
                tx.restApis().putPart(new RestApiPart("aaaaaaaaaa", "resource", "r1", T0, "{\"path\":\"/\"}"));
                tx.restApis().putPart(new RestApiPart("aaaaaaaaaa", "stage", "prod", T0, "{}"));
                return null;
            });
            store.write(tx -> {
                tx.restApis().put(new StoredRestApi("aaaaaaaaaa", T0, "{\"name\":\"renamed\"}"));
                tx.restApis().putPart(new RestApiPart("aaaaaaaaaa", "resource", "r1", T0.plusSeconds(9), "{\"x\":1}"));
                return null;
            });
        }
        try (SqliteStore store = fresh()) {
            store.read(tx -> {
                assertThat(tx.restApis().ids()).containsExactly("aaaaaaaaaa", "bbbbbbbbbb");
                assertThat(tx.restApis().find("aaaaaaaaaa").orElseThrow().document()).isEqualTo("{\"name\":\"renamed\"}");
                assertThat(tx.restApis().parts("aaaaaaaaaa", "resource")).extracting(RestApiPart::id)
                        .containsExactly("r1", "r2");
                assertThat(tx.restApis().part("aaaaaaaaaa", "resource", "r1").orElseThrow().document())
                        .isEqualTo("{\"x\":1}");
                assertThat(tx.restApis().list(Optional.of("aaaaaaaaaa"), 10)).extracting(StoredRestApi::id)
                        .containsExactly("bbbbbbbbbb");
                assertThat(tx.restApis().list(Optional.empty(), 1)).extracting(StoredRestApi::id)
                        .containsExactly("aaaaaaaaaa");
                return null;
            });
        }
    }

    @Test
    void deletingAnApiDeletesItsParts() {
        try (SqliteStore store = fresh()) {
            store.write(tx -> {
                tx.restApis().put(new StoredRestApi("aaaaaaaaaa", T0, "{}"));
                tx.restApis().putPart(new RestApiPart("aaaaaaaaaa", "stage", "prod", T0, "{}"));
                return null;
            });
            assertThat(store.<Boolean>write(tx -> tx.restApis().deletePart("aaaaaaaaaa", "stage", "none"))).isFalse();
            assertThat(store.<Boolean>write(tx -> tx.restApis().delete("aaaaaaaaaa"))).isTrue();
            assertThat(store.<java.util.List<RestApiPart>>read(tx -> tx.restApis().parts("aaaaaaaaaa", "stage"))).isEmpty();
            assertThat(store.<Boolean>write(tx -> tx.restApis().delete("aaaaaaaaaa"))).isFalse();
        }
    }
}
