package dev.lamina.store.sql;

import dev.lamina.model.FunctionName;
import dev.lamina.store.Transaction;
import dev.lamina.store.usage.UsageBucket;
import dev.lamina.store.usage.UsageFigures;
import dev.lamina.store.usage.UsageLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UsageStoreTest {
    static final FunctionName APP = new FunctionName("app");
    static final FunctionName OTHER = new FunctionName("other");
    static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant ELEVEN = Instant.parse("2026-12-01T11:00:00Z");
    static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;

    /** A store of its own for each test, closed by it. */
    SqliteStore fresh() {
        return SqliteStore.open(dir.resolve("usage.db"), Fixtures.sealer());
    }

    static void add(SqliteStore store, Map<UsageBucket, UsageFigures> usage) {
        store.write(tx -> {
            tx.usage().add(usage);
            return null;
        });
    }

    static List<UsageLine> sum(SqliteStore store, Instant from, Instant to, Optional<FunctionName> function) {
        return store.read((Transaction tx) -> tx.usage().sum(from, to, function));
    }

    @Test
    void addingToABucketAddsToWhatItHolds() {
        try (SqliteStore store = fresh()) {
            UsageBucket bucket = new UsageBucket(APP, "$LATEST", 128, TEN);
            add(store, Map.of(bucket, UsageFigures.invocation(128, 7, 100)));
            add(store, Map.of(bucket, UsageFigures.invocation(128, 5, 0).plus(UsageFigures.invocation(128, 1, 0))));

            assertThat(sum(store, TEN, ELEVEN, Optional.empty()))
                    .containsExactly(new UsageLine(APP, "$LATEST", 128, new UsageFigures(3, 13, 13 * 128, 100)));
        }
    }

    @Test
    void hoursAreSummedPerVersionAndMemoryWithinTheRangeOnly() {
        try (SqliteStore store = fresh()) {
            hoursAreSummed(store);
        }
    }

    private static void hoursAreSummed(SqliteStore store) {
        add(store, Map.of(new UsageBucket(APP, "1", 256, TEN), UsageFigures.invocation(256, 10, 0),
                new UsageBucket(APP, "1", 256, ELEVEN), UsageFigures.invocation(256, 20, 0),
                new UsageBucket(APP, "1", 256, NOON), UsageFigures.invocation(256, 40, 0),
                new UsageBucket(APP, "$LATEST", 512, ELEVEN), UsageFigures.invocation(512, 3, 0),
                new UsageBucket(APP, "$LATEST", 1024, ELEVEN), UsageFigures.invocation(1024, 4, 0),
                new UsageBucket(OTHER, "$LATEST", 128, ELEVEN), UsageFigures.invocation(128, 9, 0)));

        assertThat(sum(store, TEN, NOON, Optional.of(APP))).containsExactly(
                new UsageLine(APP, "$LATEST", 512, UsageFigures.invocation(512, 3, 0)),
                new UsageLine(APP, "$LATEST", 1024, UsageFigures.invocation(1024, 4, 0)),
                new UsageLine(APP, "1", 256, new UsageFigures(2, 30, 30 * 256, 0)));
        assertThat(sum(store, ELEVEN, NOON, Optional.empty())).extracting(UsageLine::function)
                .containsExactly(APP, APP, APP, OTHER);
        assertThat(sum(store, NOON, NOON, Optional.empty())).isEmpty();
    }

    @Test
    void usageOutlivesItsFunction() {
        try (SqliteStore store = fresh()) {
            store.write(tx -> {
                tx.functions().insert(Fixtures.function("app"));
                return null;
            });
            add(store, Map.of(new UsageBucket(APP, "$LATEST", 128, TEN), UsageFigures.invocation(128, 2, 0)));
            store.write(tx -> {
                tx.functions().delete(APP);
                return null;
            });
            assertThat(sum(store, TEN, ELEVEN, Optional.of(APP))).hasSize(1);
        }
    }
}
