package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.eventbridge.delivery.EventIntake;
import dev.lamina.workflows.data.StatesError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.lamina.workflows.tasks.Fakes.call;
import static dev.lamina.workflows.tasks.Fakes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventsIntegrationTest {
    private static final String ENTRIES = "{\"Entries\":[{\"Source\":\"some.source\",\"DetailType\":\"t\","
            + "\"Detail\":{\"Message\":\"HelloWorld\"},\"Resources\":[\"arn:x\"]},{\"DetailType\":\"t\",\"Detail\":\"{}\"}]}";

    @Test
    void putEventsAddsTheMachineAndExecutionAndAnswersPutEventsOutput() throws Exception {
        List<EventIntake.Entry> seen = new ArrayList<>();
        EventIntake intake = entries -> {
            seen.addAll(entries);
            return List.of(new EventIntake.Result(Optional.of("e-1"), Optional.empty(), Optional.empty()),
                    new EventIntake.Result(Optional.of("e-2"), Optional.empty(), Optional.empty()));
        };
        JsonNode out = new EventsIntegration(intake).run(call("arn:aws:states:::events:putEvents", ENTRIES), TaskListener.NONE);

        assertThat(out).isEqualTo(json("{\"Entries\":[{\"EventId\":\"e-1\"},{\"EventId\":\"e-2\"}],\"FailedEntryCount\":0}"));
        assertThat(seen.getFirst().detail()).contains("{\"Message\":\"HelloWorld\"}");
        assertThat(seen.getFirst().resources()).containsExactly("arn:x",
                "arn:aws:states:us-east-1:000000000000:stateMachine:m", "arn:aws:states:us-east-1:000000000000:execution:m:e");
        assertThat(seen.get(1).source()).isEmpty();
        assertThat(seen.get(1).detail()).contains("{}");
    }

    @Test
    void aFailedEntryFailsTheTaskWithTheOutputAsCause() {
        EventIntake intake = entries -> List.of(
                new EventIntake.Result(Optional.of("e-1"), Optional.empty(), Optional.empty()),
                new EventIntake.Result(Optional.empty(), Optional.of("InvalidArgument"),
                        Optional.of("Parameter Source is not valid. Reason: Source is a required argument.")));
        assertThatThrownBy(() -> new EventsIntegration(intake).run(call("arn:aws:states:::events:putEvents", ENTRIES),
                TaskListener.NONE)).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo("EventBridge.FailedEntry");
            assertThat(json(e.cause().orElseThrow())).isEqualTo(json("{\"Entries\":[{\"EventId\":\"e-1\"},"
                    + "{\"ErrorCode\":\"InvalidArgument\",\"ErrorMessage\":\"Parameter Source is not valid. Reason: Source "
                    + "is a required argument.\"}],\"FailedEntryCount\":1}"));
        });
    }
}
