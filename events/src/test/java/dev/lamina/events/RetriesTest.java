package dev.lamina.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetriesTest {
    @Test
    void functionErrorsAreRetriedAfterOneMinuteThenTwo() {
        Retries retries = new Retries(1);
        assertThat(retries.afterFunctionError(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retries.afterFunctionError(2)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void throttlesBackOffFromOneSecondDoublingUpToFiveMinutes() {
        Retries retries = new Retries(1);
        assertThat(retries.afterThrottle(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retries.afterThrottle(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retries.afterThrottle(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(retries.afterThrottle(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(retries.afterThrottle(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(retries.afterThrottle(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theTimeScaleShrinksEveryWaitAndAgeAlike() {
        Retries retries = new Retries(0.01);
        assertThat(retries.afterFunctionError(1)).isEqualTo(Duration.ofMillis(600));
        assertThat(retries.afterFunctionError(2)).isEqualTo(Duration.ofMillis(1_200));
        assertThat(retries.afterThrottle(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(retries.afterThrottle(100)).isEqualTo(Duration.ofSeconds(3));

        Instant received = Instant.parse("2026-01-01T00:00:00Z");
        // A 60 s maximum age becomes 600 ms.
        assertThat(retries.tooOld(received, received.plusMillis(600), 60)).isFalse();
        assertThat(retries.tooOld(received, received.plusMillis(601), 60)).isTrue();
    }

    @Test
    void aScaleThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new Retries(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retries(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
