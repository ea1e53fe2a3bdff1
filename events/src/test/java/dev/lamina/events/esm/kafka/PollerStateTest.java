package dev.lamina.events.esm.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.events.esm.kafka.PollerState.Event;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollerStateTest {

    /** Every legal move; every other (state, event) pair is illegal. */
    private static final Map<String, PollerState> LEGAL = Map.of(
            "MADE START", PollerState.RUNNING,
            "MADE CLOSE", PollerState.CLOSED,
            "RUNNING CLOSE", PollerState.CLOSING,
            "RUNNING STOPPED", PollerState.CLOSED,
            "CLOSING STOPPED", PollerState.CLOSED);

    @Test
    void everyStateAndEventPairMovesAsTheLifecycleSays() {
        for (PollerState state : PollerState.values()) {
            for (Event event : Event.values()) {
                PollerState expected = LEGAL.get(state + " " + event);
                if (expected != null) {
                    assertThat(state.on(event)).as(state + " " + event).isEqualTo(expected);
                } else {
                    assertThatThrownBy(() -> state.on(event)).as(state + " " + event)
                            .isInstanceOf(IllegalStateException.class);
                }
            }
        }
    }
}
