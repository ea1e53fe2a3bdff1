package dev.lamina.invoke;

import dev.lamina.model.FunctionName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LearnedKeepAliveTest {
    static final FunctionName F = new FunctionName("f");
    final AtomicLong now = new AtomicLong(1);
    final LearnedKeepAlive policy = new LearnedKeepAlive(Duration.ofSeconds(30), Duration.ofMinutes(10), now::get);

    void arrivalsEvery(Duration gap, int times) {
        for (int i = 0; i < times; i++) {
            now.addAndGet(gap.toNanos());
            policy.invoked(F);
        }
    }

    @Test
    void aFunctionWithoutEnoughHistoryGetsTheCeiling() {
        arrivalsEvery(Duration.ofSeconds(40), LearnedKeepAlive.MIN_SAMPLES);
        assertThat(policy.ttl(F)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.ttl(new FunctionName("never-seen"))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aSteadyRhythmIsKeptForItsGapAndAFifthMore() {
        arrivalsEvery(Duration.ofSeconds(60), 20);
        assertThat(policy.ttl(F)).isEqualTo(Duration.ofSeconds(72));
    }

    @Test
    void theLearnedTimeStaysBetweenTheFloorAndTheCeiling() {
        arrivalsEvery(Duration.ofSeconds(1), 20);
        assertThat(policy.ttl(F)).isEqualTo(Duration.ofSeconds(30));
        arrivalsEvery(Duration.ofMinutes(30), LearnedKeepAlive.WINDOW);
        assertThat(policy.ttl(F)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theTailDecidesSoRareLongGapsKeepTheEnvironmentLonger() {
        arrivalsEvery(Duration.ofSeconds(40), 60);
        arrivalsEvery(Duration.ofMinutes(4), 4);
        // 64 gaps: 60 of 40 s and 4 of 4 minutes; the 99th percentile is 4 minutes.
        assertThat(policy.ttl(F)).isEqualTo(Duration.ofSeconds(288));
    }
}
