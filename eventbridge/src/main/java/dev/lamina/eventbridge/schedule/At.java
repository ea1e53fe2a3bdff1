package dev.lamina.eventbridge.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Scheduler's one-time {@code at(yyyy-mm-ddThh:mm:ss)}, a wall clock time read in the schedule's
 * ScheduleExpressionTimezone. A time that falls in a spring-forward gap is moved forward by the
 * gap's length; one in a repeated fall-back hour is its first occurrence (java.time's rule).
 */
record At(String text, LocalDateTime local) implements ScheduleExpression {

    /** The instant this fires at, in {@code zone}. */
    Instant instant(ZoneId zone) {
        return local.atZone(zone).toInstant();
    }

    @Override
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        Instant at = instant(zone);
        return at.isAfter(after) ? Optional.of(at) : Optional.empty();
    }
}
