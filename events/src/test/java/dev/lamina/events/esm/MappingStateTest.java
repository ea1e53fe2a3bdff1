package dev.lamina.events.esm;

import dev.lamina.events.esm.MappingState.Event;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static dev.lamina.events.esm.MappingState.CREATING;
import static dev.lamina.events.esm.MappingState.DELETED;
import static dev.lamina.events.esm.MappingState.DELETING;
import static dev.lamina.events.esm.MappingState.DISABLED;
import static dev.lamina.events.esm.MappingState.DISABLING;
import static dev.lamina.events.esm.MappingState.ENABLED;
import static dev.lamina.events.esm.MappingState.ENABLING;
import static dev.lamina.events.esm.MappingState.UPDATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingStateTest {

    /** Every allowed transition; any (state, event) pair not listed must be refused. */
    static final Map<MappingState, Map<Event, MappingState>> ALLOWED = new EnumMap<>(MappingState.class);

    static {
        for (MappingState s : MappingState.values()) {
            ALLOWED.put(s, new EnumMap<>(Event.class));
        }
        ALLOWED.get(CREATING).put(Event.POLLER_STARTED, ENABLED);
        ALLOWED.get(CREATING).put(Event.POLLER_STOPPED, DISABLED);
        ALLOWED.get(ENABLED).put(Event.UPDATE, UPDATING);
        ALLOWED.get(ENABLED).put(Event.ENABLE, UPDATING);
        ALLOWED.get(ENABLED).put(Event.DISABLE, DISABLING);
        ALLOWED.get(ENABLED).put(Event.DELETE, DELETING);
        ALLOWED.get(DISABLED).put(Event.UPDATE, UPDATING);
        ALLOWED.get(DISABLED).put(Event.DISABLE, UPDATING);
        ALLOWED.get(DISABLED).put(Event.ENABLE, ENABLING);
        ALLOWED.get(DISABLED).put(Event.DELETE, DELETING);
        ALLOWED.get(UPDATING).put(Event.POLLER_STARTED, ENABLED);
        ALLOWED.get(UPDATING).put(Event.POLLER_STOPPED, DISABLED);
        ALLOWED.get(ENABLING).put(Event.POLLER_STARTED, ENABLED);
        ALLOWED.get(DISABLING).put(Event.POLLER_STOPPED, DISABLED);
        ALLOWED.get(DELETING).put(Event.POLLER_STOPPED, DELETED);
    }

    @Test
    void everyStateAndEventPairLeadsWhereTheTableSaysOrIsRefused() {
        int checked = 0;
        for (MappingState state : MappingState.values()) {
            for (Event event : Event.values()) {
                MappingState expected = ALLOWED.get(state).get(event);
                if (expected == null) {
                    assertThat(state.next(event)).as(state + " on " + event).isEmpty();
                    assertThatThrownBy(() -> state.on(event)).isInstanceOf(MappingState.IllegalTransition.class);
                } else {
                    assertThat(state.on(event)).as(state + " on " + event).isEqualTo(expected);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(MappingState.values().length * Event.values().length);
    }

    @Test
    void onlyEnabledAndDisabledMappingsMayBeChangedByTheApi() {
        for (MappingState state : MappingState.values()) {
            boolean apiMayAct = state.next(Event.DELETE).isPresent();
            assertThat(state.settled()).as(state.name()).isEqualTo(apiMayAct);
        }
    }

    @Test
    void wireNamesAreLambdas() {
        assertThat(CREATING.wire()).isEqualTo("Creating");
        assertThat(ENABLING.wire()).isEqualTo("Enabling");
        assertThat(DISABLING.wire()).isEqualTo("Disabling");
        assertThat(UPDATING.wire()).isEqualTo("Updating");
        assertThat(DELETING.wire()).isEqualTo("Deleting");
    }
}
