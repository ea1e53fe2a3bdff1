package dev.lamina.server.metrics;

import dev.lamina.invoke.InvocationSummary;
import dev.lamina.invoke.InvocationSummary.Outcome;
import dev.lamina.model.FunctionName;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationMetersTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final InvocationMeters meters = new InvocationMeters(new LabelSets(registry, 10));

    static InvocationSummary ended(Duration duration, Optional<Duration> init, Outcome outcome) {
        return new InvocationSummary("req", new FunctionName("app"), "$LATEST", Optional.empty(), 128, false,
                Optional.empty(), Instant.EPOCH, init, duration, false, outcome,
                outcome == Outcome.SUCCESS ? Optional.empty() : Optional.of("Runtime.ExitError"), Optional.empty());
    }

    Timer duration() {
        return registry.get("lamina.duration").tag("function", "app").timer();
    }

    @Test
    void anInvocationWhoseEnvironmentNeverStartedIsAnErrorWithoutADuration() {
        meters.ended(ended(Duration.ZERO, Optional.empty(), Outcome.ERROR));
        meters.ended(ended(Duration.ZERO, Optional.empty(), Outcome.TIMEOUT));
        assertThat(registry.get("lamina.invocations").tag("function", "app").counter().count()).isEqualTo(2);
        assertThat(registry.get("lamina.errors").tag("function", "app").counter().count()).isEqualTo(2);
        assertThat(registry.find("lamina.duration").timers()).allSatisfy(t -> assertThat(t.count()).isZero());
    }

    @Test
    void invocationsThatRanRecordTheirDurationFailedOrNotAndAFailedInitOnlyItsInit() {
        meters.ended(ended(Duration.ofMillis(3), Optional.empty(), Outcome.SUCCESS));
        meters.ended(ended(Duration.ofMillis(5), Optional.empty(), Outcome.ERROR));
        meters.ended(ended(Duration.ZERO, Optional.of(Duration.ofMillis(40)), Outcome.ERROR)); // init failed
        assertThat(duration().count()).isEqualTo(2);
        assertThat(duration().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8);
        assertThat(registry.get("lamina.init.duration").tag("function", "app").timer().count()).isEqualTo(1);
    }
}
