package dev.lamina.invoke;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.lamina.invoke.EnvironmentState.FAILED;
import static dev.lamina.invoke.EnvironmentState.IDLE;
import static dev.lamina.invoke.EnvironmentState.INITIALIZING;
import static dev.lamina.invoke.EnvironmentState.INVOKING;
import static dev.lamina.invoke.EnvironmentState.STOPPED;
import static dev.lamina.invoke.EnvironmentState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentStateTest {
    /** The expected next state of every (state, event) pair; null where the event is illegal. */
    static EnvironmentState expected(EnvironmentState from, EnvironmentState.Event event) {
        return switch (from) {
            case INITIALIZING -> switch (event) {
                case READY -> IDLE;
                case INIT_ERROR, TIMEOUT, EXITED -> FAILED;
                case STOP -> STOPPING;
                default -> null;
            };
            case IDLE -> switch (event) {
                case INVOKE -> INVOKING;
                case READY -> IDLE;
                case EXITED -> FAILED;
                case STOP -> STOPPING;
                default -> null;
            };
            case INVOKING -> switch (event) {
                case RESPONDED -> IDLE;
                case TIMEOUT, EXITED -> FAILED;
                case STOP -> STOPPING;
                default -> null;
            };
            case STOPPING -> switch (event) {
                case EXITED -> STOPPED;
                case STOP -> STOPPING;
                default -> null;
            };
            case STOPPED -> event == EnvironmentState.Event.STOP || event == EnvironmentState.Event.EXITED ? STOPPED : null;
            case FAILED -> event == EnvironmentState.Event.STOP || event == EnvironmentState.Event.EXITED ? FAILED : null;
        };
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (EnvironmentState s : EnvironmentState.values()) {
            for (EnvironmentState.Event e : EnvironmentState.Event.values()) {
                pairs.add(Arguments.of(s, e));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyPair")
    void everyStateAnswersEveryEventAsTheDiagramSays(EnvironmentState from, EnvironmentState.Event event) {
        EnvironmentState to = expected(from, event);
        if (to == null) {
            assertThatThrownBy(() -> from.on(event)).isInstanceOf(EnvironmentState.IllegalTransitionException.class);
        } else {
            assertThat(from.on(event)).isEqualTo(to);
        }
    }

    @Test
    void onlyStoppedAndFailedAreFinal() {
        assertThat(Stream.of(EnvironmentState.values()).filter(EnvironmentState::isFinal))
                .containsExactlyInAnyOrder(STOPPED, FAILED);
    }
}
