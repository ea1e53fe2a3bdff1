package dev.lamina.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogStoreTest {
    static final long HOUR = 3_600_000L;
    static final long T0 = 1_796_000_400_000L; // late 2026, on the hour
    static final String GROUP = "/aws/lambda/f";
    static final String STREAM = "2026/12/02/[$LATEST]abc";

    @TempDir
    Path dir;
    final AtomicLong now = new AtomicLong(T0);
    final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

    LogStore store(long maxStreamBytes, long maxTotalBytes) {
        return new LogStore(dir, new LogSettings(maxStreamBytes, maxTotalBytes, Duration.ofDays(1)), clock);
    }

    LogStore store() {
        return store(64 << 20, 1L << 30);
    }

    static List<LogEvent> all(Iterator<LogEvent> it) {
        List<LogEvent> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    static List<String> messages(Iterator<LogEvent> it) {
        return all(it).stream().map(LogEvent::message).toList();
    }

    static List<String> forward(LogStore store, String group, String stream) {
        return messages(store.reader(group, stream).forward(LogEvent.Position.START, 0, Long.MAX_VALUE));
    }

    @Test
    void anyMessageComesBackAsItWasWrittenWithItsTimeAndIngestionTime() {
        String big = "x".repeat(300_000) + "\n" + "é".repeat(1000);
        List<String> hostile = List.of("two\nlines", "tab\there", "nul\0byte", "\r\n", "emoji 😀 ünïcödé", big,
                "12345\tlooks like the old format");
        try (LogStore store = store()) {
            store.createGroup("g", Optional.empty(), Map.of());
            store.createStream("g", "s");
            store.put("g", "s", hostile.stream().map(m -> new LogStore.Event(T0 - 5, m)).toList());
            List<LogEvent> read = all(store.reader("g", "s").forward(LogEvent.Position.START, 0, Long.MAX_VALUE));
            assertThat(read).extracting(LogEvent::message).containsExactlyElementsOf(hostile);
            assertThat(read).allSatisfy(e -> {
                assertThat(e.timestamp()).isEqualTo(T0 - 5);
                assertThat(e.ingestionTime()).isEqualTo(T0);
            });
        }
        try (LogStore reopened = store()) {
            assertThat(forward(reopened, "g", "s")).containsExactlyElementsOf(hostile);
        }
    }

    @Test
    void eventsAreReadInTimeOrderWhateverOrderTheyArrivedIn() {
        try (LogStore store = store()) {
            LogStream s = store.open(GROUP, STREAM);
            s.append(T0 + 2 * HOUR, "c");
            s.append(T0, "a");
            s.append(T0 + 1, "b");
            assertThat(forward(store, GROUP, STREAM)).containsExactly("a", "b", "c");
            assertThat(messages(store.reader(GROUP, STREAM).backward(LogEvent.Position.END, 0, Long.MAX_VALUE)))
                    .containsExactly("c", "b", "a");
        }
    }

    @Test
    void aTimeRangeReadOpensOnlyTheHoursItCovers() throws Exception {
        try (LogStore store = store()) {
            LogStream s = store.open(GROUP, STREAM);
            for (int h = 0; h < 48; h++) {
                s.append(T0 + h * HOUR, "hour " + h);
            }
            // Make every other hour unreadable: a read that touched one would fail.
            Path streamDir = dir.resolve(LogStore.directoryName(GROUP)).resolve(LogStore.directoryName(STREAM));
            long firstHour = Math.floorDiv(T0, HOUR);
            for (int h = 0; h < 48; h++) {
                if (h != 10 && h != 11) {
                    Path seg = streamDir.resolve((firstHour + h) + ".seg");
                    Files.delete(seg);
                    Files.createDirectory(seg);
                }
            }
            assertThat(messages(store.reader(GROUP, STREAM).forward(LogEvent.Position.START, T0 + 10 * HOUR,
                    T0 + 12 * HOUR))).containsExactly("hour 10", "hour 11");
        }
    }

    @Test
    void theTailIsTheNewestEventsReadFromTheEnd() {
        try (LogStore store = store()) {
            LogStream s = store.open(GROUP, STREAM);
            for (int i = 0; i < 1000; i++) {
                s.append(T0 + i * 60_000L, "event " + i);
            }
            Iterator<LogEvent> back = store.reader(GROUP, STREAM).backward(LogEvent.Position.END, 0, Long.MAX_VALUE);
            List<String> last = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                last.add(back.next().message());
            }
            assertThat(last).containsExactly("event 999", "event 998", "event 997");
        }
    }

    @Test
    void eventsPastTheGroupsRetentionDisappearAndTheirFilesAreDeleted() {
        try (LogStore store = store()) {
            LogStream s = store.open(GROUP, STREAM);
            s.append(T0 - 3 * 24 * HOUR, "three days old");
            s.append(T0 - HOUR, "an hour old");
            long before = store.storedBytes();
            store.putRetention(GROUP, Optional.of(1));
            assertThat(forward(store, GROUP, STREAM)).as("hidden at once").containsExactly("an hour old");
            store.sweep();
            assertThat(store.storedBytes()).isLessThan(before);
            assertThat(store.group(GROUP).orElseThrow().meta().retentionInDays()).contains(1);
            now.addAndGet(2 * 24 * HOUR);
            store.sweep();
            assertThat(forward(store, GROUP, STREAM)).isEmpty();
            assertThat(store.storedBytes()).isZero();
        }
    }

    @Test
    void pastTheDiskBoundTheOldestHoursGoFirstWhicheverGroupTheyAreIn() {
        try (LogStore store = store(64 << 20, 1 << 20)) {
            String line = "y".repeat(10_000);
            LogStream old = store.open("/aws/lambda/old", "s");
            LogStream recent = store.open("/aws/lambda/recent", "s");
            List<String> oldLines = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                old.append(T0 + i * 60_000L, i + line); // hours 0 and 1
                oldLines.add(i + line);
                recent.append(T0 + 5 * HOUR + i * 60_000L, line);
            }
            store.sweep();
            assertThat(store.storedBytes()).isLessThanOrEqualTo(1 << 20);
            assertThat(forward(store, "/aws/lambda/recent", "s")).hasSize(100);
            // Background sweeps during the appends may have left old's newest few (what fits): never a gap.
            List<String> kept = forward(store, "/aws/lambda/old", "s");
            assertThat(kept.size()).isLessThan(10);
            assertThat(oldLines.subList(100 - kept.size(), 100)).isEqualTo(kept);
        }
    }

    @Test
    void aReaderWhileAWriterAppendsSeesWholeEventsInOrder() throws Exception {
        try (LogStore store = store()) {
            LogStream s = store.open(GROUP, STREAM);
            int total = 20_000;
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < total; i++) {
                    s.append(T0 + i, "event " + i + "\n" + "z".repeat(i % 300));
                }
            });
            int seen = 0;
            while (seen < total) {
                List<LogEvent> read = all(store.reader(GROUP, STREAM).forward(LogEvent.Position.START, 0, Long.MAX_VALUE));
                assertThat(read.size()).isGreaterThanOrEqualTo(seen);
                for (int i = 0; i < read.size(); i++) {
                    assertThat(read.get(i).message()).isEqualTo("event " + i + "\n" + "z".repeat(i % 300));
                }
                seen = read.size();
            }
            writer.join();
        }
    }

    @Test
    void aRecordACrashCutShortIsSkippedAndLaterAppendsStayReadable() throws Exception {
        try (LogStore store = store()) {
            store.open(GROUP, STREAM).append(T0, "first", "second");
        }
        Path seg = dir.resolve(LogStore.directoryName(GROUP)).resolve(LogStore.directoryName(STREAM))
                .resolve(Math.floorDiv(T0, HOUR) + ".seg");
        byte[] data = Files.readAllBytes(seg);
        Files.write(seg, java.util.Arrays.copyOf(data, data.length - 3));
        try (LogStore store = store()) {
            assertThat(forward(store, GROUP, STREAM)).containsExactly("first");
            store.open(GROUP, STREAM).append(T0 + 1, "third");
            assertThat(forward(store, GROUP, STREAM)).containsExactly("first", "third");
        }
    }

    @Test
    void groupsKeepTheirMetadataAcrossRestartsAndSayWhoMadeThem() {
        try (LogStore store = store()) {
            store.createGroup("/made/by/api", Optional.of("arn:aws:kms:us-east-1:000000000000:key/k"), Map.of("team", "a"));
            store.putRetention("/made/by/api", Optional.of(14));
            store.open(GROUP, STREAM).append(T0, "hello");
            assertThatThrownBy(() -> store.createGroup("/made/by/api", Optional.empty(), Map.of()))
                    .isInstanceOfSatisfying(LogResourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(LogResourceException.Kind.ALREADY_EXISTS));
        }
        try (LogStore store = store()) {
            GroupMeta api = store.group("/made/by/api").orElseThrow().meta();
            assertThat(api.retentionInDays()).contains(14);
            assertThat(api.kmsKeyId()).contains("arn:aws:kms:us-east-1:000000000000:key/k");
            assertThat(api.tags()).containsEntry("team", "a");
            assertThat(api.origin()).isEqualTo(GroupMeta.Origin.CREATE_LOG_GROUP);
            assertThat(store.group(GROUP).orElseThrow().meta().origin()).isEqualTo(GroupMeta.Origin.FUNCTION);
            LogStreamInfo info = store.streams(GROUP).getFirst();
            assertThat(info.name()).isEqualTo(STREAM);
            assertThat(info.firstEventTimestamp()).hasValue(T0);
            assertThat(info.lastEventTimestamp()).hasValue(T0);
            assertThat(info.storedBytes()).isPositive();
            store.deleteGroup("/made/by/api");
        }
        try (LogStore store = store()) {
            assertThat(store.group("/made/by/api")).isEmpty();
        }
    }

    @Test
    void aStreamStopsAtItsCapAndSaysSoOnce() {
        try (LogStore store = store(4096, 1L << 30)) {
            LogStream stream = store.open(GROUP, STREAM);
            for (int i = 0; i < 200; i++) {
                stream.append(1000L + i, "event number " + i);
            }
            assertThat(stream.dropped()).isPositive();
            List<String> read = forward(store, GROUP, STREAM);
            assertThat(read.getFirst()).isEqualTo("event number 0");
            assertThat(read.stream().filter(l -> l.contains("reached its limit"))).hasSize(1);
            assertThat(store.storedBytes()).isLessThan(4096 + 200);
        }
    }

    @Test
    void aDeletedStreamThatAFunctionStillWritesToComesBack() {
        try (LogStore store = store()) {
            LogStream s = store.open(GROUP, STREAM);
            s.append(T0, "before");
            store.deleteGroup(GROUP);
            s.append(T0 + 1, "after");
            assertThat(forward(store, GROUP, STREAM)).containsExactly("after");
        }
    }

    @Test
    void namesBecomeHashedDirectoriesThatCannotEscapeTheRoot() {
        try (LogStore store = store()) {
            store.open("../../etc", "../passwd").append(T0, "x");
            assertThat(LogStore.directoryName("../../etc")).matches("[0-9a-f]{32}");
            assertThat(Files.isDirectory(dir.resolve(LogStore.directoryName("../../etc"))
                    .resolve(LogStore.directoryName("../passwd")))).isTrue();
        }
    }
}
