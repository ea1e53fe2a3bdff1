package dev.lamina.server.logs;

import dev.lamina.logs.LogSettings;
import dev.lamina.logs.LogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MergedEventsTest {
    static final long HOUR = 3_600_000L;
    static final long T0 = 1_796_000_400_000L;

    @TempDir
    Path dir;

    @Test
    void streamsAreMergedInTimeThenNameOrderAndAStreamIsOpenedOnlyWhenItsTimeComes() throws Exception {
        try (LogStore store = new LogStore(dir, new LogSettings(64 << 20, 1L << 30, Duration.ofDays(1)),
                () -> Instant.ofEpochMilli(T0))) {
            store.createGroup("g", Optional.empty(), Map.of());
            for (String s : List.of("a", "b", "later")) {
                store.createStream("g", s);
            }
            store.put("g", "a", List.of(new LogStore.Event(T0, "a0"), new LogStore.Event(T0 + 2, "a2")));
            store.put("g", "b", List.of(new LogStore.Event(T0, "b0"), new LogStore.Event(T0 + 1, "b1")));
            store.put("g", "later", List.of(new LogStore.Event(T0 + 5 * HOUR, "later")));
            // Make "later"'s only piece unreadable: opening it fails the merge.
            Path piece = dir.resolve(LogStore.directoryName("g")).resolve(LogStore.directoryName("later"))
                    .resolve(Math.floorDiv(T0 + 5 * HOUR, HOUR) + ".seg");
            Files.delete(piece);
            Files.createDirectory(piece);
            MergedEvents merged = new MergedEvents(store, "g", Set.of("a", "b", "later"), null, 0, Long.MAX_VALUE);
            List<String> first = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                first.add(merged.next().event().message());
            }
            assertThat(first).containsExactly("a0", "b0", "b1", "a2");
            assertThat(merged.hasMore("a")).isFalse();
            assertThat(merged.hasMore("later")).isTrue();
        }
    }
}
