package dev.lamina.workflows.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lamina.workflows.engine.ExecutionJournal;
import dev.lamina.workflows.engine.ExecutionJournal.FrameWrite;
import dev.lamina.workflows.engine.ExecutionJournal.Resumable;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.HistoryEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.lamina.workflows.journal.JournalFixtures.MACHINE;
import static dev.lamina.workflows.journal.JournalFixtures.T0;
import static dev.lamina.workflows.journal.JournalFixtures.arn;
import static dev.lamina.workflows.journal.JournalFixtures.event;
import static dev.lamina.workflows.journal.JournalFixtures.finished;
import static dev.lamina.workflows.journal.JournalFixtures.machine;
import static dev.lamina.workflows.journal.JournalFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

class SqliteJournalTest {
    @TempDir
    Path dir;
    private final List<ExecutionJournal> opened = new ArrayList<>();

    private ExecutionJournal open() {
        ExecutionJournal journal = SqliteJournal.open(dir.resolve("workflows.db"), Clock.systemUTC());
        opened.add(journal);
        return journal;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(ExecutionJournal::close);
    }

    @Test
    void aCreatedExecutionComesBackWithEveryFieldAndItsParsedDefinition() {
        ExecutionJournal journal = open();
        ExecutionRecord plain = running("plain", T0);
        ExecutionRecord full = finished(running("full", T0.plusSeconds(1),
                machine(Optional.of(MACHINE + ":3"), Optional.of(MACHINE + ":prod"))), ExecutionStatus.FAILED,
                T0.plusSeconds(9));
        journal.create(plain, List.of(event(1, 0, "ExecutionStarted", "x")), List.of()).join();
        journal.create(full, List.of(), List.of()).join();

        assertThat(journal.find(plain.executionArn())).contains(plain);
        assertThat(journal.find(full.executionArn())).contains(full);
        assertThat(journal.find(full.executionArn()).orElseThrow().machine().definition().state("B").name())
                .isEqualTo("B");
        assertThat(journal.find(arn("absent"))).isEmpty();
    }

    @Test
    void aTransitionAppendsEventsAndReplacesTheRecordWhenGiven() {
        ExecutionJournal journal = open();
        ExecutionRecord r = running("e", T0);
        journal.create(r, List.of(event(1, 0, "ExecutionStarted", "-")), List.of()).join();
        journal.transition(r.executionArn(), List.of(event(2, 1, "PassStateEntered", "A"),
                event(3, 2, "PassStateExited", "A")), List.of(), Optional.empty()).join();
        assertThat(journal.find(r.executionArn())).contains(r);

        ExecutionRecord done = finished(r, ExecutionStatus.SUCCEEDED, T0.plusSeconds(5));
        journal.transition(r.executionArn(), List.of(event(4, 3, "ExecutionSucceeded", "-")), List.of(),
                Optional.of(done)).join();

        assertThat(journal.find(r.executionArn())).contains(done);
        assertThat(journal.history(r.executionArn(), 0, 100, false)).containsExactly(
                event(1, 0, "ExecutionStarted", "-"), event(2, 1, "PassStateEntered", "A"),
                event(3, 2, "PassStateExited", "A"), event(4, 3, "ExecutionSucceeded", "-"));
    }

    @Test
    void historyPagesForwardAfterAnIdAndBackwardBeforeOne() {
        ExecutionJournal journal = open();
        ExecutionRecord r = running("h", T0);
        List<HistoryEvent> events = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            events.add(event(i, i - 1, "PassStateEntered", "S" + i));
        }
        journal.create(r, events, List.of()).join();

        assertThat(ids(journal.history(r.executionArn(), 0, 3, false))).containsExactly(1L, 2L, 3L);
        assertThat(ids(journal.history(r.executionArn(), 3, 3, false))).containsExactly(4L, 5L, 6L);
        assertThat(ids(journal.history(r.executionArn(), 6, 3, false))).containsExactly(7L);
        assertThat(ids(journal.history(r.executionArn(), 0, 3, true))).containsExactly(7L, 6L, 5L);
        assertThat(ids(journal.history(r.executionArn(), 5, 3, true))).containsExactly(4L, 3L, 2L);
        assertThat(ids(journal.history(r.executionArn(), 2, 3, true))).containsExactly(1L);
        assertThat(journal.history(arn("absent"), 0, 3, false)).isEmpty();
    }

    private static List<Long> ids(List<HistoryEvent> events) {
        return events.stream().map(HistoryEvent::id).toList();
    }

    @Test
    void runningAnswersRunningExecutionsWithTheirFramesAndLastEventId() {
        ExecutionJournal journal = open();
        ExecutionRecord a = running("a", T0);
        ExecutionRecord b = running("b", T0.plusSeconds(1));
        journal.create(a, List.of(event(1, 0, "ExecutionStarted", "-")),
                List.of(new FrameWrite("top", Optional.of("{\"state\":\"A\"}")))).join();
        journal.create(b, List.of(event(1, 0, "ExecutionStarted", "-")), List.of()).join();
        journal.transition(a.executionArn(), List.of(event(2, 1, "MapStateEntered", "M")), List.of(
                new FrameWrite("top", Optional.of("{\"state\":\"M\"}")),
                new FrameWrite("map/0", Optional.of("{\"i\":0}")),
                new FrameWrite("map/1", Optional.of("{\"i\":1}"))), Optional.empty()).join();
        journal.transition(a.executionArn(), List.of(event(3, 2, "MapIterationSucceeded", "M")),
                List.of(new FrameWrite("map/0", Optional.empty())), Optional.empty()).join();
        journal.transition(b.executionArn(), List.of(event(2, 1, "ExecutionSucceeded", "-")), List.of(),
                Optional.of(finished(b, ExecutionStatus.SUCCEEDED, T0.plusSeconds(2)))).join();

        List<Resumable> resumable = journal.running();

        assertThat(resumable).containsExactly(new Resumable(a, 3,
                Map.of("top", "{\"state\":\"M\"}", "map/1", "{\"i\":1}")));
    }

    @Test
    void listIsNewestFirstWithTiesInArnOrderAndPagesNeitherSkipNorRepeat() {
        ExecutionJournal journal = open();
        List<ExecutionRecord> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // three executions share each start date
            all.add(running("x" + i, T0.plusSeconds(i / 3)));
        }
        for (ExecutionRecord r : all.reversed()) {
            journal.create(r, List.of(), List.of()).join();
        }
        List<String> expected = List.of("x6", "x7", "x8", "x3", "x4", "x5", "x0", "x1", "x2");

        List<String> paged = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            List<ExecutionRecord> page = journal.list(MACHINE, Optional.empty(), after, 2);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(r -> paged.add(r.name()));
            after = Optional.of(page.getLast().executionArn());
        }

        assertThat(paged).isEqualTo(expected);
        assertThat(journal.list(MACHINE, Optional.empty(), Optional.empty(), 100).stream().map(ExecutionRecord::name))
                .containsExactlyElementsOf(expected);
        assertThat(journal.list(MACHINE + "Other", Optional.empty(), Optional.empty(), 100)).isEmpty();
    }

    @Test
    void listFiltersByStatusAndMatchesVersionAndAliasArns() {
        ExecutionJournal journal = open();
        ExecutionRecord plain = running("plain", T0);
        ExecutionRecord viaAlias = running("alias", T0.plusSeconds(1),
                machine(Optional.of(MACHINE + ":3"), Optional.of(MACHINE + ":prod")));
        ExecutionRecord viaVersion = running("version", T0.plusSeconds(2), machine(Optional.of(MACHINE + ":3"),
                Optional.empty()));
        journal.create(plain, List.of(), List.of()).join();
        journal.create(viaAlias, List.of(), List.of()).join();
        journal.create(viaVersion, List.of(), List.of()).join();
        journal.transition(plain.executionArn(), List.of(), List.of(),
                Optional.of(finished(plain, ExecutionStatus.FAILED, T0.plusSeconds(3)))).join();

        assertThat(names(journal.list(MACHINE, Optional.of(ExecutionStatus.RUNNING), Optional.empty(), 10)))
                .containsExactly("version", "alias");
        assertThat(names(journal.list(MACHINE, Optional.of(ExecutionStatus.FAILED), Optional.empty(), 10)))
                .containsExactly("plain");
        assertThat(names(journal.list(MACHINE + ":3", Optional.empty(), Optional.empty(), 10)))
                .containsExactly("version", "alias");
        assertThat(names(journal.list(MACHINE + ":prod", Optional.empty(), Optional.empty(), 10)))
                .containsExactly("alias");
        assertThat(names(journal.list(MACHINE + ":3", Optional.empty(), Optional.of(viaVersion.executionArn()), 10)))
                .containsExactly("alias");
    }

    private static List<String> names(List<ExecutionRecord> records) {
        return records.stream().map(ExecutionRecord::name).toList();
    }

    @Test
    void everythingIsThereAfterCloseAndReopen() {
        ExecutionJournal first = open();
        ExecutionRecord r = running("kept", T0);
        first.create(r, List.of(event(1, 0, "ExecutionStarted", "-")),
                List.of(new FrameWrite("top", Optional.of("{}")))).join();
        first.close();

        ExecutionJournal second = open();

        assertThat(second.find(r.executionArn())).contains(r);
        assertThat(second.history(r.executionArn(), 0, 10, false)).containsExactly(event(1, 0, "ExecutionStarted", "-"));
        assertThat(second.running()).containsExactly(new Resumable(r, 1, Map.of("top", "{}")));
        // and it still takes writes
        second.transition(r.executionArn(), List.of(event(2, 1, "PassStateEntered", "A")), List.of(), Optional.empty())
                .join();
        assertThat(second.history(r.executionArn(), 0, 10, false)).hasSize(2);
    }

    @Test
    void eventDetailsKeepTheirJson() {
        ExecutionJournal journal = open();
        ExecutionRecord r = running("json", T0);
        var details = JsonNodeFactory.instance.objectNode();
        details.putObject("executionSucceededEventDetails").put("output", "{\"a\":[1,2.5,null,\"\\u0000\"]}")
                .putObject("outputDetails").put("truncated", false);
        HistoryEvent e = new HistoryEvent(1, 0, T0, "ExecutionSucceeded", details);
        journal.create(r, List.of(e), List.of()).join();

        assertThat(journal.history(r.executionArn(), 0, 1, false)).containsExactly(e);
    }
}
