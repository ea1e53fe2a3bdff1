package dev.lamina.store.sql;

import dev.lamina.model.Alias;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Transaction;
import dev.lamina.store.VersionRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreTest {
    @TempDir
    Path dir;
    SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), Fixtures.sealer());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aVersionReadsBackExactlyAsWrittenWithEveryMemberSet() {
        var code = Fixtures.code("a");
        var deployedCode = Fixtures.code("b");
        FunctionVersion v = new FunctionVersion(new FunctionName("f"), Qualifier.LATEST, Fixtures.fullConfig(), code,
                Optional.of(new FunctionVersion.Deployed(Fixtures.fullConfig().withDescription("old"), deployedCode)),
                DeploymentState.UPDATE_FAILED, Optional.of(new FunctionVersion.Failure("InvalidZipFileException", "bad")),
                "rev", Fixtures.NOW);
        store.write(tx -> {
            tx.functions().insert(Fixtures.function("f"));
            tx.versions().insert(v);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.versions().find(new FunctionName("f"), Qualifier.LATEST))).contains(v);
    }

    @Test
    void aWriteThatThrowsLeavesNothingBehind() {
        assertThatThrownBy(() -> store.write(tx -> {
            tx.functions().insert(Fixtures.function("f"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.read((Transaction tx) -> tx.functions().find(new FunctionName("f")))).isEmpty();
        store.write(tx -> {
            tx.functions().insert(Fixtures.function("f"));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.functions().count())).isEqualTo(1);
    }

    @Test
    void onlyVersionedWritesAdvanceTheGenerationAndBothCommit() {
        long before = store.generation();
        store.writeUnversioned(tx -> {
            tx.functions().insert(Fixtures.function("f"));
            return null;
        });
        assertThat(store.generation()).isEqualTo(before);
        assertThat(store.read((Transaction tx) -> tx.functions().count())).isEqualTo(1);
        assertThatThrownBy(() -> store.writeUnversioned(tx -> {
            tx.functions().insert(Fixtures.function("g"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.read((Transaction tx) -> tx.functions().count())).isEqualTo(1);
        store.write(tx -> null);
        assertThat(store.generation()).isEqualTo(before + 1);
    }

    @Test
    void committedWritesSurviveReopening() {
        store.write(tx -> {
            tx.functions().insert(Fixtures.function("f").withReservedConcurrency(OptionalInt.of(5)));
            tx.versions().insert(Fixtures.latest("f", Fixtures.code("x")));
            return null;
        });
        store.close();
        store = SqliteStore.open(dir.resolve("lamina.db"), Fixtures.sealer());
        assertThat(store.read((Transaction tx) -> tx.functions().find(new FunctionName("f"))))
                .hasValueSatisfying(f -> assertThat(f.reservedConcurrency()).hasValue(5));
        assertThat(store.read((Transaction tx) -> tx.versions().inProgress())).hasSize(1);
    }

    @Test
    void versionsListLatestFirstThenByNumberAndPageAcrossFunctions() {
        var code = Fixtures.code("c");
        store.write(tx -> {
            for (String name : List.of("b", "a")) {
                tx.functions().insert(Fixtures.function(name));
                tx.versions().insert(Fixtures.latest(name, code));
                tx.versions().insert(Fixtures.published(name, 10, code));
                tx.versions().insert(Fixtures.published(name, 2, code));
            }
            return null;
        });
        FunctionName a = new FunctionName("a");
        assertThat(store.read((Transaction tx) -> tx.versions().list(a, -1, 10))).extracting(v -> v.version().value())
                .containsExactly("$LATEST", "2", "10");
        assertThat(store.read((Transaction tx) -> tx.versions().list(a, 0, 1))).extracting(v -> v.version().value())
                .containsExactly("2");
        assertThat(store.read((Transaction tx) -> tx.versions().listAll(Optional.of(new VersionRepository.Key(a, 10)), 2)))
                .extracting(v -> v.functionName().value() + ":" + v.version().value())
                .containsExactly("b:$LATEST", "b:2");
        assertThat(store.read((Transaction tx) -> tx.versions().listLatest(Optional.empty(), 5)))
                .extracting(v -> v.functionName().value()).containsExactly("a", "b");
        assertThat(store.read((Transaction tx) -> tx.versions().lastPublished(a)))
                .hasValueSatisfying(v -> assertThat(v.version().value()).isEqualTo("10"));
        assertThat(store.read((Transaction tx) -> tx.versions().totalCodeSize())).isEqualTo(6 * code.size());
    }

    @Test
    void deletingAFunctionDeletesItsVersionsAndAliases() {
        var code = Fixtures.code("c");
        FunctionName f = new FunctionName("f");
        store.write(tx -> {
            tx.functions().insert(Fixtures.function("f"));
            tx.versions().insert(Fixtures.latest("f", code));
            tx.versions().insert(Fixtures.published("f", 1, code));
            tx.aliases().insert(new Alias(f, new Qualifier.Alias("live"), "1", "", Map.of(), "r"));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.versions().references(code.digest()))).isTrue();
        store.write(tx -> {
            tx.functions().delete(f);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.versions().references(code.digest()))).isFalse();
        assertThat(store.read((Transaction tx) -> tx.aliases().find(f, new Qualifier.Alias("live")))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.versions().referencedDigests())).isEmpty();
    }

    @Test
    void aliasesFilterByEitherTheirPrimaryOrTheirAdditionalVersion() {
        FunctionName f = new FunctionName("f");
        store.write(tx -> {
            tx.functions().insert(Fixtures.function("f"));
            tx.aliases().insert(new Alias(f, new Qualifier.Alias("a"), "1", "", Map.of(), "r"));
            tx.aliases().insert(new Alias(f, new Qualifier.Alias("b"), "2", "", Map.of("1", 0.25), "r"));
            tx.aliases().insert(new Alias(f, new Qualifier.Alias("c"), "3", "", Map.of(), "r"));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.aliases().list(f, Optional.of("1"), Optional.empty(), 10)))
                .extracting(a -> a.name().name()).containsExactly("a", "b");
        assertThat(store.read((Transaction tx) -> tx.aliases().list(f, Optional.empty(), Optional.of("a"), 1)))
                .extracting(a -> a.name().name()).containsExactly("b");
        assertThat(store.read((Transaction tx) -> tx.aliases().find(f, new Qualifier.Alias("b"))))
                .hasValueSatisfying(a -> assertThat(a.additionalWeights()).containsEntry("1", 0.25));
    }

    @Test
    void reservedConcurrencyTotalsCanLeaveOneFunctionOut() {
        store.write(tx -> {
            tx.functions().insert(Fixtures.function("a").withReservedConcurrency(OptionalInt.of(10)));
            tx.functions().insert(Fixtures.function("b").withReservedConcurrency(OptionalInt.of(20)));
            tx.functions().insert(Fixtures.function("c"));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.functions().reservedConcurrencyTotal(Optional.empty()))).isEqualTo(30);
        assertThat(store.read((Transaction tx) -> tx.functions().reservedConcurrencyTotal(Optional.of(new FunctionName("b")))))
                .isEqualTo(10);
        assertThat(store.read((Transaction tx) -> tx.functions().names(Optional.of(new FunctionName("a")), 10)))
                .extracting(FunctionName::value).containsExactly("b", "c");
    }

    @Test
    void aClosedStoreRefusesWrites() {
        store.close();
        assertThatThrownBy(() -> store.write(tx -> null)).hasMessageContaining("closed");
    }
}
