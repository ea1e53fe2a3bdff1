package dev.lamina.store.sql;

import dev.lamina.store.gateway.httpapis.HttpApiPart;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;
import dev.lamina.store.gateway.httpapis.StoredHttpApi;
import dev.lamina.store.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiStoreTest {
    static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2026-12-01T11:00:00Z");

    @TempDir
    Path dir;

    @Test
    void apisAndPartsSurviveAReopenAndAreListedInCreationOrder() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), Fixtures.sealer())) {
            store.write(tx -> {
                tx.httpApis().put(new StoredHttpApi("bbbbbbbbbb", "{\"Name\":\"second\"}", T2));
                tx.httpApis().put(new StoredHttpApi("aaaaaaaaaa", "{\"Name\":\"first\"}", T1));
                tx.httpApis().putPart(new HttpApiPart("aaaaaaaaaa", Kind.ROUTE, "r1", "{}", T1));
                tx.httpApis().putPart(new HttpApiPart("aaaaaaaaaa", Kind.STAGE, "$default", "{\"a\":1}", T1));
                return null;
            });
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), Fixtures.sealer())) {
            assertThat(store.read((Transaction tx) -> tx.httpApis().list())).extracting(StoredHttpApi::apiId)
                    .containsExactly("aaaaaaaaaa", "bbbbbbbbbb");
            assertThat(store.read((Transaction tx) -> tx.httpApis().findPart("aaaaaaaaaa", Kind.STAGE, "$default")))
                    .get().extracting(HttpApiPart::document).isEqualTo("{\"a\":1}");
            assertThat(store.read((Transaction tx) -> tx.httpApis().parts("aaaaaaaaaa", Kind.ROUTE))).hasSize(1);
        }
    }

    @Test
    void replacingKeepsTheCreationTimeAndDeletingAnApiDeletesItsParts() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), Fixtures.sealer())) {
            store.write(tx -> {
                tx.httpApis().put(new StoredHttpApi("aaaaaaaaaa", "{}", T1));
                tx.httpApis().put(new StoredHttpApi("aaaaaaaaaa", "{\"Name\":\"new\"}", T2));
                tx.httpApis().putPart(new HttpApiPart("aaaaaaaaaa", Kind.ROUTE, "r1", "{}", T1));
                tx.httpApis().putPart(new HttpApiPart("aaaaaaaaaa", Kind.ROUTE, "r1", "{\"x\":2}", T2));
                return null;
            });
            StoredHttpApi api = store.read((Transaction tx) -> tx.httpApis().find("aaaaaaaaaa")).orElseThrow();
            assertThat(api.created()).isEqualTo(T1);
            assertThat(api.document()).isEqualTo("{\"Name\":\"new\"}");
            assertThat(store.read((Transaction tx) -> tx.httpApis().findPart("aaaaaaaaaa", Kind.ROUTE, "r1")).orElseThrow()
                    .document()).isEqualTo("{\"x\":2}");

            assertThat(store.write((Transaction tx) -> tx.httpApis().delete("aaaaaaaaaa"))).isTrue();
            assertThat(store.read((Transaction tx) -> tx.httpApis().parts("aaaaaaaaaa", Kind.ROUTE))).isEmpty();
            assertThat(store.write((Transaction tx) -> tx.httpApis().deletePart("aaaaaaaaaa", Kind.ROUTE, "r1"))).isFalse();
        }
    }
}
