package dev.lamina.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.lamina.logs.LogStoreTest.HOUR;
import static dev.lamina.logs.LogStoreTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** When what the store wrote is forced to disk (function output is left to the background sync). */
class DurabilityTest {
    @TempDir
    Path dir;

    LogStore store() {
        return new LogStore(dir, new LogSettings(64 << 20, 1L << 30, Duration.ofDays(1)), () -> Instant.ofEpochMilli(T0));
    }

    @Test
    void putLogEventsReturnsOnlyOnceItsEventsAndNewSegmentsAreForced() {
        try (LogStore store = store()) {
            store.createGroup("g", Optional.empty(), Map.of());
            store.createStream("g", "s");
            // Three hours: two segments are left behind by the writer and a third is current.
            store.put("g", "s", List.of(new LogStore.Event(T0, "a"), new LogStore.Event(T0 + HOUR, "b"),
                    new LogStore.Event(T0 + 2 * HOUR, "c")));
            assertThat(store.files("g", "s").hasUnforced()).isFalse();
        }
    }

    @Test
    void closingTheStoreForcesEveryStream() {
        StreamFiles files;
        try (LogStore store = store()) {
            LogStream a = store.open("g", "a");
            a.append(T0, "one");
            a.append(T0 + HOUR, "two");
            store.open("g", "b").append(T0, "three");
            files = store.files("g", "a");
        }
        assertThat(files.hasUnforced()).isFalse();
    }
}
