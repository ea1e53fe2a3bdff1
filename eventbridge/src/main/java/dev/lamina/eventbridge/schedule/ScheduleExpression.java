package dev.lamina.eventbridge.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A schedule expression: {@code rate(5 minutes)}, {@code cron(0 12 * * ? *)} (AWS's six fields:
 * minutes, hours, day of month, month, day of week, year; {@code L}, {@code W}, {@code #}, {@code ?}),
 * and Scheduler's {@code at(2026-12-07T10:00:00)}. Parsed with AWS's rules for each service; invalid
 * text is a ValidationException with AWS's message.
 */
public interface ScheduleExpression {

    /** The text as given (DescribeRule and GetSchedule answer it unchanged). */
    String text();

    /**
     * The first time this expression fires strictly after {@code after}, read in {@code zone} (a
     * rule's are UTC; a schedule's its ScheduleExpressionTimezone); empty when it never fires again
     * (an {@code at()} in the past, a cron whose years are over).
     */
    Optional<Instant> nextAfter(Instant after, ZoneId zone);

    /** EventBridge's rule expressions: {@code rate()} and {@code cron()}. TODO(cron): stub. */
    static ScheduleExpression forRule(String text) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Scheduler's expressions: {@code at()}, {@code rate()} and {@code cron()}. TODO(cron): stub. */
    static ScheduleExpression forScheduler(String text) {
        throw new UnsupportedOperationException("not yet");
    }
}
