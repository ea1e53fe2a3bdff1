package dev.lamina.workflows.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.Definitions;
import dev.lamina.workflows.engine.ExecutionRecord;
import dev.lamina.workflows.engine.ExecutionStatus;
import dev.lamina.workflows.engine.HistoryEvent;
import dev.lamina.workflows.engine.MachineSnapshot;
import dev.lamina.workflows.engine.MachineType;

import java.time.Instant;
import java.util.Optional;

/** Records for the journal's tests. */
final class JournalFixtures {
    static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:Flow";
    static final String DEFINITION = "{\"Comment\":\"two passes\",\"StartAt\":\"A\",\"States\":{"
            + "\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{\"Type\":\"Pass\",\"End\":true}}}";
    static final Instant T0 = Instant.parse("2026-12-07T10:15:30.123456789Z");

    private JournalFixtures() {
    }

    static MachineSnapshot machine() {
        return machine(Optional.empty(), Optional.empty());
    }

    static MachineSnapshot machine(Optional<String> version, Optional<String> alias) {
        try {
            return new MachineSnapshot(MACHINE, "Flow", MachineType.STANDARD,
                    "arn:aws:iam::000000000000:role/flow", DEFINITION, Definitions.parse(DEFINITION),
                    version, alias, "rev-1");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String arn(String name) {
        return "arn:aws:states:us-east-1:000000000000:execution:Flow:" + name;
    }

    static ExecutionRecord running(String name, Instant start) {
        return running(name, start, machine());
    }

    static ExecutionRecord running(String name, Instant start, MachineSnapshot machine) {
        return new ExecutionRecord(arn(name), machine, name, ExecutionStatus.RUNNING, start, Optional.empty(),
                "{\"n\":1}", Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty());
    }

    static ExecutionRecord finished(ExecutionRecord r, ExecutionStatus status, Instant stop) {
        return new ExecutionRecord(r.executionArn(), r.machine(), r.name(), status, r.startDate(), Optional.of(stop),
                r.input(), Optional.of("{\"done\":true}"), Optional.of("States.TaskFailed"), Optional.of("a cause"),
                2, Optional.of(stop.minusSeconds(1)), Optional.of("Root=1-abc"));
    }

    static HistoryEvent event(long id, long previous, String type, String state) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.putObject("stateEnteredEventDetails").put("name", state).put("input", "{\"x\":\"é\"}")
                .putObject("inputDetails").put("truncated", false);
        return new HistoryEvent(id, previous, T0.plusMillis(id), type, details);
    }
}
