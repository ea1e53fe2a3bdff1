package dev.lamina.eventbridge.scheduler;

import dev.lamina.eventbridge.target.Target;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Scheduler's schedules as the ticker reads them: always the committed state, from memory. */
public interface ScheduleBook {

    /**
     * An enabled schedule.
     *
     * @param expression      ScheduleExpression as given ({@code at()}, {@code rate()}, {@code cron()})
     * @param zone            ScheduleExpressionTimezone (UTC when not given)
     * @param flexibleWindow  FlexibleTimeWindow's MaximumWindowInMinutes; empty for OFF
     * @param deleteAfterCompletion ActionAfterCompletion DELETE
     */
    record ActiveSchedule(String arn, String group, String name, String expression, ZoneId zone,
                          Optional<Instant> startDate, Optional<Instant> endDate, Optional<Duration> flexibleWindow,
                          Target target, boolean deleteAfterCompletion) {
        public ActiveSchedule {
            Objects.requireNonNull(arn);
            Objects.requireNonNull(expression);
            Objects.requireNonNull(zone);
            Objects.requireNonNull(target);
        }
    }

    /** Every enabled schedule. */
    List<ActiveSchedule> active();

    /** A schedule fired for the last time: deletes it when its ActionAfterCompletion says DELETE. */
    void completed(String group, String name);
}
