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
public sealed interface ScheduleExpression permits Rate, Cron, At {

    /** The text as given (DescribeRule and GetSchedule answer it unchanged). */
    String text();

    /**
     * The first time this expression fires strictly after {@code after}, read in {@code zone} (a
     * rule's are UTC; a schedule's its ScheduleExpressionTimezone); empty when it never fires again
     * (an {@code at()} in the past, a cron whose years are over). A rate counts its periods from
     * {@code after} (the ticker passes the last fire mark, so the periods stay on one grid).
     */
    Optional<Instant> nextAfter(Instant after, ZoneId zone);

    /**
     * EventBridge's rule expressions: {@code rate()} and {@code cron()}; anything else is a
     * ValidationException "Parameter ScheduleExpression is not valid.".
     */
    static ScheduleExpression forRule(String text) {
        return Expressions.parse(text, Expressions.Dialect.RULE);
    }

    /**
     * Scheduler's expressions: {@code at()}, {@code rate()} and {@code cron()}; anything else is a
     * ValidationException "Invalid Schedule Expression &lt;text&gt;.".
     */
    static ScheduleExpression forScheduler(String text) {
        return Expressions.parse(text, Expressions.Dialect.SCHEDULER);
    }
}
