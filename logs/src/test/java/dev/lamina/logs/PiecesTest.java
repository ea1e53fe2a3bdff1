package dev.lamina.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.lamina.logs.LogStoreTest.HOUR;
import static dev.lamina.logs.LogStoreTest.T0;
import static dev.lamina.logs.LogStoreTest.all;
import static dev.lamina.logs.LogStoreTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** Segments roll by size within an hour, so no file is read whole past {@link Piece#MAX_BYTES}. */
class PiecesTest {
    static final int EVENTS = 40;

    @TempDir
    Path dir;
    final InstantSource clock = () -> Instant.ofEpochMilli(T0);

    LogStore store(long maxTotalBytes) {
        return new LogStore(dir, new LogSettings(64 << 20, maxTotalBytes, Duration.ofDays(1)), clock);
    }

    Path streamDir() {
        return dir.resolve(LogStore.directoryName("g")).resolve(LogStore.directoryName("s"));
    }

    static String message(int i) {
        return i + "m".repeat(Records.MAX_MESSAGE_BYTES - 10);
    }

    /** About 40 MiB in one stream-hour, one event per millisecond from T0, each in its own PutLogEvents. */
    void fillOneHour(LogStore store) {
        store.createGroup("g", Optional.empty(), Map.of());
        store.createStream("g", "s");
        for (int i = 0; i < EVENTS; i++) {
            store.put("g", "s", List.of(new LogStore.Event(T0 + i, message(i))));
        }
    }

    List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(streamDir())) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void anHourPastThePieceSizeContinuesInItsNextPieceAndReadsBackWhole() throws Exception {
        List<String> expected = IntStream.range(0, EVENTS).mapToObj(PiecesTest::message).toList();
        long hour = Math.floorDiv(T0, HOUR);
        try (LogStore store = store(1L << 30)) {
            fillOneHour(store);
            assertThat(segments()).extracting(p -> p.getFileName().toString()).containsExactly(hour + ".1.seg", hour + ".seg");
            for (Path p : segments()) {
                assertThat(Files.size(p)).isLessThanOrEqualTo(Piece.MAX_BYTES);
            }
            assertThat(messages(store.reader("g", "s").forward(LogEvent.Position.START, 0, Long.MAX_VALUE)))
                    .containsExactlyElementsOf(expected);
        }
        try (LogStore reopened = store(1L << 30)) {
            assertThat(messages(reopened.reader("g", "s").backward(LogEvent.Position.END, 0, Long.MAX_VALUE)))
                    .containsExactlyElementsOf(expected.reversed());
            LogStreamInfo info = reopened.streams("g").getFirst();
            assertThat(info.firstEventTimestamp()).hasValue(T0);
            assertThat(info.lastEventTimestamp()).hasValue(T0 + EVENTS - 1);
            assertThat(reopened.storedBytes()).isEqualTo(Files.size(segments().get(0)) + Files.size(segments().get(1)));
        }
    }

    @Test
    void positionsStayUniqueAndOrderedAcrossPiecesSoPagingResumesExactly() {
        try (LogStore store = store(1L << 30)) {
            fillOneHour(store);
            List<LogEvent> events = all(store.reader("g", "s").forward(LogEvent.Position.START, 0, Long.MAX_VALUE));
            List<String> paged = new ArrayList<>();
            LogEvent.Position at = LogEvent.Position.START;
            for (int i = 0; i < EVENTS; i++) {
                LogEvent next = store.reader("g", "s").forward(at, 0, Long.MAX_VALUE).next();
                paged.add(next.message());
                at = next.position();
            }
            assertThat(paged).containsExactlyElementsOf(events.stream().map(LogEvent::message).toList());
        }
    }

    @Test
    void aTimeRangeOpensOnlyThePiecesItMeets() throws Exception {
        try (LogStore store = store(1L << 30)) {
            fillOneHour(store);
            // The first piece (the events before T0 + 31 or so) made unreadable: a read touching it would fail.
            Path first = streamDir().resolve(Math.floorDiv(T0, HOUR) + ".seg");
            Files.delete(first);
            Files.createDirectory(first);
            assertThat(messages(store.reader("g", "s").forward(LogEvent.Position.START, T0 + 35, T0 + 37)))
                    .containsExactly(message(35), message(36));
            assertThat(store.reader("g", "s").earliestPossible(LogEvent.Position.START, T0 + 35, Long.MAX_VALUE))
                    .hasValue(T0 + 35);
        }
    }

    @Test
    void pastTheDiskBoundTheOldestPieceGoesNotTheWholeHour() throws Exception {
        try (LogStore store = store(1L << 30)) {
            fillOneHour(store);
        }
        try (LogStore store = store(20L << 20)) {
            store.sweep();
            List<String> kept = messages(store.reader("g", "s").forward(LogEvent.Position.START, 0, Long.MAX_VALUE));
            assertThat(kept).isNotEmpty().last().isEqualTo(message(EVENTS - 1));
            assertThat(kept.size()).isLessThan(EVENTS / 2);
            assertThat(store.storedBytes()).isLessThanOrEqualTo(20L << 20).isEqualTo(Files.size(segments().getFirst()));
        }
    }
}
