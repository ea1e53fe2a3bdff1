package dev.lamina.eventbridge.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * {@code rate(value unit)}: every {@code value} minutes, hours or days of elapsed time (not of wall
 * clock time: a rate is not moved by daylight saving time, so a zone does not matter). A rate has
 * no phase of its own; it counts from where the ticker's marks started (a rule's creation or
 * enabling, a schedule's StartDate or creation).
 */
record Rate(String text, long value, Unit unit) implements ScheduleExpression {
    enum Unit {
        MINUTE(Duration.ofMinutes(1)), HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

        final Duration length;

        Unit(Duration length) {
            this.length = length;
        }
    }

    /** The period; zero for Scheduler's {@code rate(0 …)}, which it accepts and which never fires. */
    Duration period() {
        return unit.length.multipliedBy(value);
    }

    @Override
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        Duration p = period();
        if (p.isZero()) {
            return Optional.empty();
        }
        try {
            return Optional.of(after.plus(p));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
