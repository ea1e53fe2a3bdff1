package dev.lamina.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.lamina.model.DeploymentState.ACTIVE;
import static dev.lamina.model.DeploymentState.CREATE_FAILED;
import static dev.lamina.model.DeploymentState.CREATING;
import static dev.lamina.model.DeploymentState.UPDATE_FAILED;
import static dev.lamina.model.DeploymentState.UPDATING;
import static dev.lamina.model.DeploymentState.Event.PREPARATION_FAILED;
import static dev.lamina.model.DeploymentState.Event.PREPARED;
import static dev.lamina.model.DeploymentState.Event.UPDATE_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentStateTest {

    /** Every (state, event) pair with its expected next state, or null where the event is illegal. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(CREATING, PREPARED, ACTIVE),
                Arguments.of(CREATING, PREPARATION_FAILED, CREATE_FAILED),
                Arguments.of(CREATING, UPDATE_REQUESTED, null),
                Arguments.of(ACTIVE, UPDATE_REQUESTED, UPDATING),
                Arguments.of(ACTIVE, PREPARED, null),
                Arguments.of(ACTIVE, PREPARATION_FAILED, null),
                Arguments.of(UPDATING, PREPARED, ACTIVE),
                Arguments.of(UPDATING, PREPARATION_FAILED, UPDATE_FAILED),
                Arguments.of(UPDATING, UPDATE_REQUESTED, null),
                Arguments.of(UPDATE_FAILED, UPDATE_REQUESTED, UPDATING),
                Arguments.of(UPDATE_FAILED, PREPARED, null),
                Arguments.of(UPDATE_FAILED, PREPARATION_FAILED, null),
                Arguments.of(CREATE_FAILED, UPDATE_REQUESTED, CREATING),
                Arguments.of(CREATE_FAILED, PREPARED, null),
                Arguments.of(CREATE_FAILED, PREPARATION_FAILED, null));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("table")
    void everyStateAndEventHasOneOutcome(DeploymentState from, DeploymentState.Event event, DeploymentState to) {
        if (to == null) {
            assertThatThrownBy(() -> from.on(event))
                    .isInstanceOf(DeploymentState.IllegalTransitionException.class)
                    .satisfies(e -> {
                        var t = (DeploymentState.IllegalTransitionException) e;
                        assertThat(t.from()).isEqualTo(from);
                        assertThat(t.event()).isEqualTo(event);
                    });
        } else {
            assertThat(from.on(event)).isEqualTo(to);
        }
    }

    @Test
    void theTableCoversEveryPair() {
        assertThat(table().count()).isEqualTo((long) DeploymentState.values().length * DeploymentState.Event.values().length);
    }

    @Test
    void onlyStatesWithDeployedCodeAreInvocableAndOnlyPreparingStatesAreInProgress() {
        assertThat(Stream.of(DeploymentState.values()).filter(DeploymentState::invocable))
                .containsExactlyInAnyOrder(ACTIVE, UPDATING, UPDATE_FAILED);
        assertThat(Stream.of(DeploymentState.values()).filter(DeploymentState::inProgress))
                .containsExactlyInAnyOrder(CREATING, UPDATING);
    }

    @Test
    void wireValuesAreTheOnesTheSdkWaitersPollFor() {
        assertThat(CREATING.wireState()).isEqualTo("Pending");
        assertThat(CREATING.wireLastUpdateStatus()).isEqualTo("InProgress");
        assertThat(ACTIVE.wireState()).isEqualTo("Active");
        assertThat(ACTIVE.wireLastUpdateStatus()).isEqualTo("Successful");
        assertThat(UPDATING.wireLastUpdateStatus()).isEqualTo("InProgress");
        assertThat(UPDATE_FAILED.wireLastUpdateStatus()).isEqualTo("Failed");
        assertThat(CREATE_FAILED.wireState()).isEqualTo("Failed");
    }
}
