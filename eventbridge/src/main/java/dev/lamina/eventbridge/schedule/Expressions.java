package dev.lamina.eventbridge.schedule;

import dev.lamina.eventbridge.EventBridgeErrors;
import dev.lamina.model.ServiceException;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses schedule expressions with each service's rules. The syntax is strict, as AWS's: no space
 * before or after the expression or inside its parentheses, one space between a rate's value and
 * unit and between cron fields.
 */
final class Expressions {
    private Expressions() {
    }

    /** Whose rules apply. */
    enum Dialect {
        /**
         * EventBridge rules: a rate's value is a positive integer, its unit lower case, singular for
         * 1 and plural otherwise ({@code rate(1 hours)} and {@code rate(5 hour)} are invalid).
         */
        RULE,
        /**
         * Scheduler: {@code at()} too, and a looser rate (any unit spelling of any case, any
         * non-negative value: AWS's Scheduler accepts what EventBridge's singular/plural rule rejects).
         */
        SCHEDULER
    }

    private static final Pattern RATE = Pattern.compile("rate\\(([0-9]{1,10}) ([A-Za-z]+)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern AT = Pattern.compile(
            "at\\(([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\\)");

    static ScheduleExpression parse(String text, Dialect dialect) {
        if (text == null) {
            throw invalid("", dialect);
        }
        ScheduleExpression parsed = switch (dialect) {
            case RULE -> rate(text, dialect) != null ? rate(text, dialect) : cron(text);
            case SCHEDULER -> {
                ScheduleExpression r = rate(text, dialect);
                yield r != null ? r : text.startsWith("at(") ? at(text) : cron(text);
            }
        };
        if (parsed == null) {
            throw invalid(text, dialect);
        }
        return parsed;
    }

    private static ServiceException invalid(String text, Dialect dialect) {
        return EventBridgeErrors.validation(dialect == Dialect.RULE
                ? "Parameter ScheduleExpression is not valid."
                : "Invalid Schedule Expression " + text + ".");
    }

    private static Rate rate(String text, Dialect dialect) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2);
        String lower = unit.toLowerCase(Locale.ROOT);
        String singular = lower.endsWith("s") ? lower.substring(0, lower.length() - 1) : lower;
        Rate.Unit u = switch (singular) {
            case "minute" -> Rate.Unit.MINUTE;
            case "hour" -> Rate.Unit.HOUR;
            case "day" -> Rate.Unit.DAY;
            default -> null;
        };
        if (u == null) {
            return null;
        }
        if (dialect == Dialect.RULE) {
            boolean plural = lower.endsWith("s");
            if (!unit.equals(lower) || value < 1 || (value == 1) == plural) {
                return null;
            }
        }
        return new Rate(text, value, u);
    }

    private static At at(String text) {
        Matcher m = AT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            return new At(text, LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6))));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Cron cron(String text) {
        Matcher m = CRON.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return CronParser.parse(text, m.group(1));
    }
}
