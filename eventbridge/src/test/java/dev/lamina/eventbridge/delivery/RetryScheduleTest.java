package dev.lamina.eventbridge.delivery;

import dev.lamina.eventbridge.target.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {
    static final Instant ACCEPTED = Instant.parse("2026-12-07T12:00:00Z");
    static final TargetFailure THROTTLED = TargetFailure.transientFailure("THROTTLING", "slow down");

    @Test
    void aPermanentFailureGoesToTheDeadLetterQueueAtOnceWithoutACondition() {
        RetrySchedule schedule = new RetrySchedule(1, () -> 0.5);
        assertThat(schedule.after(TargetFailure.permanent("NO_PERMISSIONS", "no"), 1, ACCEPTED, ACCEPTED,
                RetryPolicy.DEFAULT)).isEqualTo(new RetrySchedule.GiveUp(Optional.empty()));
    }

    @Test
    void maximumRetryAttemptsZeroGivesUpAfterTheFirstAttempt() {
        RetrySchedule schedule = new RetrySchedule(1, () -> 0.5);
        RetryPolicy none = new RetryPolicy(0, Duration.ofHours(1));
        assertThat(schedule.after(THROTTLED, 1, ACCEPTED, ACCEPTED, none))
                .isEqualTo(new RetrySchedule.GiveUp(Optional.of("MaximumRetryAttempts")));
    }

    @Test
    void retriesUpToTheLimitThenGivesUp() {
        RetrySchedule schedule = new RetrySchedule(1, () -> 0.0);
        RetryPolicy two = new RetryPolicy(2, Duration.ofHours(1));
        assertThat(schedule.after(THROTTLED, 1, ACCEPTED, ACCEPTED, two))
                .isEqualTo(new RetrySchedule.Retry(ACCEPTED.plusMillis(500)));
        assertThat(schedule.after(THROTTLED, 2, ACCEPTED, ACCEPTED, two))
                .isEqualTo(new RetrySchedule.Retry(ACCEPTED.plusSeconds(1)));
        assertThat(schedule.after(THROTTLED, 3, ACCEPTED, ACCEPTED, two))
                .isEqualTo(new RetrySchedule.GiveUp(Optional.of("MaximumRetryAttempts")));
    }

    @Test
    void noRetryStartsAfterTheMaximumEventAge() {
        RetrySchedule schedule = new RetrySchedule(1, () -> 0.99);
        RetryPolicy minute = new RetryPolicy(185, Duration.ofSeconds(60));
        Instant now = ACCEPTED.plusSeconds(58);
        assertThat(schedule.after(THROTTLED, 3, ACCEPTED, now, minute))
                .isEqualTo(new RetrySchedule.GiveUp(Optional.of("MaximumEventAgeInSeconds")));
        assertThat(schedule.after(THROTTLED, 1, ACCEPTED, now, minute)).isInstanceOf(RetrySchedule.Retry.class);
    }

    @Test
    void theBackoffDoublesFromASecondWithJitterUpToFiveMinutesAndScales() {
        RetrySchedule top = new RetrySchedule(1, () -> 1.0);
        assertThat(top.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(top.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(top.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(top.backoff(30)).isEqualTo(Duration.ofMinutes(5));
        assertThat(new RetrySchedule(1, () -> 0.0).backoff(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(new RetrySchedule(0.01, () -> 1.0).backoff(4)).isEqualTo(Duration.ofMillis(80));
    }
}
