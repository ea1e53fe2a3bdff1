package dev.lamina.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static dev.lamina.logs.LogStoreTest.HOUR;
import static dev.lamina.logs.LogStoreTest.T0;
import static dev.lamina.logs.LogStoreTest.forward;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a crash or a failing disk leaves behind never stops the store or leaks its files. */
class StoreRecoveryTest {
    static final long DAY = 24 * HOUR;

    @TempDir
    Path dir;
    final AtomicLong now = new AtomicLong(T0);
    final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

    LogStore store() {
        return new LogStore(dir, new LogSettings(64 << 20, 1L << 30, Duration.ofDays(1)), clock);
    }

    Path groupDir(String group) {
        return dir.resolve(LogStore.directoryName(group));
    }

    Path streamDir(String group, String stream) {
        return groupDir(group).resolve(LogStore.directoryName(stream));
    }

    void fill(String... groups) {
        try (LogStore store = store()) {
            for (String g : groups) {
                try (LogStream s = store.open(g, "s")) {
                    s.append(T0, "in " + g);
                }
            }
        }
    }

    @Test
    void anEmptyOrGarbledMetadataFileSkipsOnlyItsGroupOrStream() throws Exception {
        fill("empty-group", "garbled-group", "empty-stream", "garbled-stream", "fine");
        Files.write(groupDir("empty-group").resolve("group.json"), new byte[0]);
        Files.writeString(groupDir("garbled-group").resolve("group.json"), "{\"name\": [tru");
        Files.write(streamDir("empty-stream", "s").resolve("stream.json"), new byte[0]);
        Files.writeString(streamDir("garbled-stream", "s").resolve("stream.json"), "null");
        try (LogStore store = store()) {
            assertThat(store.groups()).extracting(g -> g.meta().name())
                    .containsExactly("empty-stream", "fine", "garbled-stream");
            assertThat(store.streamNames("empty-stream")).isEmpty();
            assertThat(store.streamNames("garbled-stream")).isEmpty();
            assertThat(forward(store, "fine", "s")).containsExactly("in fine");
            assertThat(store.storedBytes()).isEqualTo(store.group("fine").orElseThrow().storedBytes());
            // Creating it again replaces what was left.
            store.open("empty-group", "s").append(T0, "again");
            assertThat(forward(store, "empty-group", "s")).containsExactly("again");
        }
    }

    @Test
    void directoriesACrashLeftWithoutMetadataAreDeletedAtStart() throws Exception {
        fill("half-deleted", "half-created-stream");
        Files.delete(groupDir("half-deleted").resolve("group.json"));
        Files.delete(streamDir("half-created-stream", "s").resolve("stream.json"));
        try (LogStore store = store()) {
            assertThat(groupDir("half-deleted")).doesNotExist();
            assertThat(streamDir("half-created-stream", "s")).doesNotExist();
            assertThat(store.groups()).extracting(g -> g.meta().name()).containsExactly("half-created-stream");
            assertThat(store.storedBytes()).isZero();
        }
    }

    @Test
    void deletingAGroupWhoseMetadataFileIsGoneStillDeletesIt() throws Exception {
        try (LogStore store = store()) {
            store.open("g", "s").append(T0, "x");
            Files.delete(groupDir("g").resolve("group.json"));
            store.deleteGroup("g");
            assertThat(store.group("g")).isEmpty();
            assertThat(groupDir("g")).doesNotExist();
        }
    }

    @Test
    void theEventsOfABatchWrittenBeforeADiskFailureAreCounted() throws Exception {
        try (LogStore store = store()) {
            store.createGroup("g", Optional.empty(), Map.of());
            store.createStream("g", "s");
            long hour = Math.floorDiv(T0, HOUR);
            Files.createDirectories(streamDir("g", "s").resolve((hour + 1) + ".seg").resolve("blocked"));
            assertThatThrownBy(() -> store.put("g", "s",
                    List.of(new LogStore.Event(T0, "first hour"), new LogStore.Event(T0 + HOUR, "second hour"))))
                    .isInstanceOf(UncheckedIOException.class);
            long written = Files.size(streamDir("g", "s").resolve(hour + ".seg"));
            assertThat(written).isPositive();
            assertThat(store.storedBytes()).isEqualTo(written);
        }
    }

    @Test
    void aPieceThatCannotBeDeletedStaysCountedAndTheRestIsFreed() throws Exception {
        try (LogStore store = store()) {
            LogStream s = store.open("g", "s");
            s.append(T0 - 3 * DAY, "old");
            s.append(T0 - 2 * DAY, "also old");
            s.append(T0, "new");
            long hour = Math.floorDiv(T0 - 2 * DAY, HOUR);
            Path stuck = streamDir("g", "s").resolve(hour + ".seg");
            long stuckBytes = Files.size(stuck);
            long newBytes = Files.size(streamDir("g", "s").resolve(Math.floorDiv(T0, HOUR) + ".seg"));
            Files.delete(stuck);
            Files.createDirectories(stuck.resolve("not empty"));
            store.putRetention("g", Optional.of(1));
            store.sweep();
            assertThat(store.storedBytes()).isEqualTo(stuckBytes + newBytes);
        }
    }

    @Test
    void aStreamWithNothingLeftPastRetentionIsRemovedUnlessAnEnvironmentStillWritesToIt() {
        try (LogStore store = store()) {
            try (LogStream closed = store.open("g", "ended environment")) {
                closed.append(T0 - 3 * DAY, "old");
            }
            LogStream open = store.open("g", "running environment");
            open.append(T0 - 3 * DAY, "old too");
            store.createStream("g", "made by CreateLogStream");
            store.createStream("g", "recent");
            store.put("g", "recent", List.of(new LogStore.Event(T0, "new")));
            store.putRetention("g", Optional.of(1));
            store.sweep();
            assertThat(store.streamNames("g")).containsExactlyInAnyOrder("running environment",
                    "made by CreateLogStream", "recent");
            now.addAndGet(2 * DAY);
            store.sweep();
            assertThat(store.streamNames("g")).containsExactlyInAnyOrder("running environment");
            open.close();
            store.sweep();
            assertThat(store.streamNames("g")).isEmpty();
            assertThat(store.storedBytes()).isZero();
        }
    }

    @Test
    void aLastRecordThatFailsItsChecksumIsCutOffAtStartAndTheRestStays() throws Exception {
        try (LogStore store = store()) {
            store.open("g", "s").append(T0, "first", "second");
        }
        Path seg = streamDir("g", "s").resolve(Math.floorDiv(T0, HOUR) + ".seg");
        byte[] data = Files.readAllBytes(seg);
        data[data.length - 6] ^= 1; // a byte of "second"
        Files.write(seg, data);
        try (LogStore store = store()) {
            assertThat(forward(store, "g", "s")).containsExactly("first");
            store.open("g", "s").append(T0 + 1, "third");
            assertThat(forward(store, "g", "s")).containsExactly("first", "third");
            assertThat(store.storedBytes()).isEqualTo(Files.size(seg));
        }
    }

    @Test
    void aStreamTheDiskBoundEmptiedIsRemoved() {
        try (LogStore store = store()) {
            try (LogStream old = store.open("g", "old")) {
                old.append(T0 - HOUR, "x".repeat(600_000));
            }
            try (LogStream recent = store.open("g", "recent")) {
                recent.append(T0, "y".repeat(600_000));
            }
        }
        try (LogStore store = new LogStore(dir, new LogSettings(64 << 20, 1 << 20, Duration.ofDays(1)), clock)) {
            store.sweep();
            assertThat(store.streamNames("g")).containsExactly("recent");
        }
    }
}
