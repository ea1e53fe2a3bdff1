package dev.lamina.events;

import dev.lamina.model.FunctionName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleGateTest {
    static final FunctionName F = new FunctionName("f");
    static final FunctionName G = new FunctionName("g");

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record PauseEnd(FunctionName function, Instant at) {
    }

    final ManualClock clock = new ManualClock();
    final List<Long> released = new ArrayList<>();
    final List<PauseEnd> pauseEnds = new ArrayList<>();
    final ThrottleGate gate = new ThrottleGate(new Retries(1), clock, new ThrottleGate.Dispatch() {
        @Override
        public void release(long id, FunctionName function) {
            released.add(id);
        }

        @Override
        public void pauseEndsAt(FunctionName function, Instant at) {
            pauseEnds.add(new PauseEnd(function, at));
        }
    });

    @Test
    void aThrottlePausesTheFunctionAndEventsWaitInOrderUntilItEnds() {
        assertThat(gate.holds(F, 1)).isFalse();
        gate.throttled(F, 1);
        assertThat(pauseEnds).containsExactly(new PauseEnd(F, clock.now.plusSeconds(1)));
        for (long id = 2; id <= 6; id++) {
            assertThat(gate.holds(F, id)).isTrue();
        }
        assertThat(gate.holds(G, 100)).as("another function is not paused").isFalse();
        assertThat(gate.parked()).isEqualTo(6);

        gate.pauseEnded(F); // too early: nothing happens
        assertThat(released).isEmpty();
        clock.now = clock.now.plusSeconds(1);
        gate.pauseEnded(F);
        assertThat(released).as("a few probes, oldest first").containsExactly(1L, 2L, 3L, 4L);
        assertThat(gate.holds(F, 7)).as("not paused, but others wait before it").isTrue();
        assertThat(gate.parked()).isEqualTo(3);
    }

    @Test
    void aCompletionLetsOneThroughAPauseAndTwoWhenThereIsNone() {
        gate.throttled(F, 1);
        gate.holds(F, 2);
        gate.holds(F, 3);
        gate.completed(F);
        assertThat(released).containsExactly(1L);
        clock.now = clock.now.plusSeconds(1); // the pause is over, its end not yet handled
        gate.completed(F);
        assertThat(released).containsExactly(1L, 2L, 3L);
        gate.completed(F); // nothing left: nothing happens
        assertThat(released).hasSize(3);
        assertThat(gate.holds(F, 4)).isFalse();
    }

    @Test
    void anEventThatDidNotInvokePassesItsPlaceOn() {
        gate.throttled(F, 1);
        gate.holds(F, 2);
        gate.passedOn(F);
        assertThat(released).containsExactly(1L);
    }

    @Test
    void pausesInARowDoubleAndACompletionStartsAgainAtOneSecond() {
        Instant start = clock.now;
        gate.throttled(F, 1);
        gate.throttled(F, 2); // within the pause: no longer one
        assertThat(pauseEnds).extracting(PauseEnd::at).containsExactly(start.plusSeconds(1));
        clock.now = start.plusSeconds(1);
        gate.pauseEnded(F);
        gate.throttled(F, 1);
        clock.now = start.plusSeconds(3);
        gate.pauseEnded(F);
        gate.throttled(F, 1);
        assertThat(pauseEnds).extracting(PauseEnd::at)
                .containsExactly(start.plusSeconds(1), start.plusSeconds(3), start.plusSeconds(7));
        gate.completed(F);
        clock.now = start.plusSeconds(7);
        gate.pauseEnded(F);
        gate.throttled(F, 9);
        assertThat(pauseEnds.getLast().at()).isEqualTo(clock.now.plusSeconds(1));
    }

    @Test
    void anEventParkedAfterThePauseEndedIsNotForgotten() {
        gate.throttled(F, 1);
        clock.now = clock.now.plusSeconds(2);
        gate.pauseEnded(F); // releases 1
        assertThat(released).containsExactly(1L);
        // An event throttled while nothing else is parked and the pause is over starts a new pause.
        gate.throttled(F, 2);
        assertThat(gate.parked()).isEqualTo(1);
        assertThat(pauseEnds).hasSize(2);
    }
}
