package dev.lamina.workflows.journal;

import dev.lamina.store.StoreException;
import dev.lamina.workflows.engine.ExecutionJournal;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.HistoryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.lamina.workflows.journal.JournalFixtures.T0;
import static dev.lamina.workflows.journal.JournalFixtures.event;
import static dev.lamina.workflows.journal.JournalFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteJournalDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void concurrentWritersOfManyExecutionsShareOneCommit() throws Exception {
        SqliteJournal journal = SqliteJournal.openPaused(dir.resolve("workflows.db"));
        int threads = 8;
        int perThread = 20;
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitted.add(pool.submit(() -> {
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ExecutionRecord r = running("t" + thread + "-" + i, T0.plusMillis(i));
                        mine.add(journal.create(r, List.of(event(1, 0, "ExecutionStarted", "-")), List.of()));
                        mine.add(journal.transition(r.executionArn(), List.of(event(2, 1, "PassStateEntered", "A"),
                                event(3, 2, "PassStateExited", "A")), List.of(), Optional.empty()));
                    }
                    return mine;
                }));
            }
            for (var f : submitted) {
                writes.addAll(f.get());
            }
        }
        assertThat(writes).noneMatch(CompletableFuture::isDone);

        journal.startWriter();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();

        assertThat(journal.commits()).isEqualTo(1);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(journal.history(JournalFixtures.arn("t" + t + "-" + i), 0, 10, false)).hasSize(3);
            }
        }
        journal.close();
    }

    @Test
    void aBadWriteFailsAloneAndTheRestOfItsBatchIsCommitted() {
        SqliteJournal journal = SqliteJournal.openPaused(dir.resolve("workflows.db"));
        ExecutionRecord a = running("a", T0);
        ExecutionRecord b = running("b", T0);
        CompletableFuture<Void> first = journal.create(a, List.of(), List.of());
        CompletableFuture<Void> duplicate = journal.create(a, List.of(), List.of());
        CompletableFuture<Void> other = journal.create(b, List.of(event(1, 0, "ExecutionStarted", "-")), List.of());
        journal.startWriter();

        first.join();
        other.join();
        assertThatThrownBy(duplicate::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreException.class);
        assertThat(journal.find(a.executionArn())).contains(a);
        assertThat(journal.history(b.executionArn(), 0, 10, false)).hasSize(1);
        journal.close();
    }

    /**
     * The files as they are on disk while the journal is still open — what a kill -9 leaves behind —
     * hold every write whose future has completed.
     */
    @Test
    void aWriteWhoseFutureCompletedIsInTheFilesACrashLeaves() throws Exception {
        Path live = dir.resolve("live/workflows.db");
        ExecutionJournal journal = SqliteJournal.open(live, Clock.systemUTC());
        ExecutionRecord r = running("acknowledged", T0);
        HistoryEvent started = event(1, 0, "ExecutionStarted", "-");
        journal.create(r, List.of(started), List.of()).join();

        Path crashed = Files.createDirectories(dir.resolve("crashed")).resolve("workflows.db");
        Files.copy(live, crashed);
        Path wal = live.resolveSibling("workflows.db-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, crashed.resolveSibling("workflows.db-wal"), StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (ExecutionJournal after = SqliteJournal.open(crashed, Clock.systemUTC())) {
            assertThat(after.find(r.executionArn())).contains(r);
            assertThat(after.history(r.executionArn(), 0, 10, false)).containsExactly(started);
            assertThat(after.running()).extracting(ExecutionJournal.Resumable::record).containsExactly(r);
        }
        journal.close();
    }

    @Test
    void anAbsentFileIsCreatedPrivateWithItsDirectories() throws Exception {
        Path file = dir.resolve("a/b/workflows.db");

        try (ExecutionJournal journal = SqliteJournal.open(file, Clock.systemUTC())) {
            assertThat(journal.running()).isEmpty();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("workflows.db");
        byte[] garbage = new byte[8192];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, garbage);

        assertThatThrownBy(() -> SqliteJournal.open(file, Clock.systemUTC()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("move it aside");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void aJournalWithDamagedPagesIsRefused() throws Exception {
        Path file = dir.resolve("workflows.db");
        try (ExecutionJournal journal = SqliteJournal.open(file, Clock.systemUTC())) {
            for (int i = 0; i < 200; i++) {
                journal.create(running("e" + i, T0.plusSeconds(i)), List.of(event(1, 0, "ExecutionStarted", "-")),
                        List.of());
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isGreaterThan(4 * 4096);
        for (int i = 4096 + 200; i < bytes.length - 100; i += 97) {
            bytes[i] = (byte) 0xA5; // scribble over every page but the header
        }
        Files.write(file, bytes);

        assertThatThrownBy(() -> SqliteJournal.open(file, Clock.systemUTC()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("move it aside");
    }

    @Test
    void aDefinitionThatNoLongerParsesFailsItsReadAndTheJournalKeepsAnswering() throws Exception {
        Path file = dir.resolve("workflows.db");
        ExecutionRecord r = running("damaged", T0);
        try (ExecutionJournal journal = SqliteJournal.open(file, Clock.systemUTC())) {
            journal.create(r, List.of(event(1, 0, "ExecutionStarted", "-")), List.of()).join();
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.executeUpdate("UPDATE definitions SET text = '{\"StartAt\":'");
        }

        try (ExecutionJournal journal = SqliteJournal.open(file, Clock.systemUTC())) {
            for (int i = 0; i < 10; i++) { // more reads than the journal has read connections
                assertThatThrownBy(() -> journal.find(r.executionArn())).isInstanceOf(StoreException.class)
                        .hasMessageContaining("no longer parses");
            }
            assertThat(journal.history(r.executionArn(), 0, 10, false)).hasSize(1);
            journal.transition(r.executionArn(), List.of(event(2, 1, "PassStateEntered", "A")), List.of(),
                    Optional.empty()).join();
            assertThat(journal.history(r.executionArn(), 0, 10, false)).hasSize(2);
        }
    }

    @Test
    void writesAfterCloseFail() {
        ExecutionJournal journal = SqliteJournal.open(dir.resolve("workflows.db"), Clock.systemUTC());
        journal.close();

        assertThatThrownBy(() -> journal.create(running("late", T0), List.of(), List.of()).join())
                .hasCauseInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }
}
