package dev.lamina.eventbridge.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code cron(…)} (see {@link CronParser} for the dialect). The next fire time is found
 * field by field on wall clock time in the zone: the next allowed year, then month, day, hour and
 * minute, each jump resetting the smaller fields, so a search costs a handful of steps, not a scan
 * of minutes.
 *
 * <p>Daylight saving time, as EventBridge Scheduler documents it: a wall clock time that does not
 * exist (skipped when clocks go forward) does not fire, and a time that happens twice (when clocks
 * go back) fires once, at its first occurrence.
 */
record Cron(String text, BitSet minutes, BitSet hours, BitSet months, BitSet years, Days days)
        implements ScheduleExpression {
    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 2199;

    /** Which days of a month fire: the day-of-month field, or the day-of-week field (the other is {@code ?}). */
    sealed interface Days {
        boolean matches(LocalDate date);

        /** Day-of-month values. */
        record OfMonth(BitSet days) implements Days {
            public boolean matches(LocalDate d) {
                return days.get(d.getDayOfMonth());
            }
        }

        /** Day-of-week values, 1 = Sunday … 7 = Saturday. */
        record OfWeek(BitSet days) implements Days {
            public boolean matches(LocalDate d) {
                return days.get(cronDay(d.getDayOfWeek()));
            }
        }

        /** {@code L} in day-of-month. */
        record LastDay() implements Days {
            public boolean matches(LocalDate d) {
                return d.getDayOfMonth() == d.lengthOfMonth();
            }
        }

        /** {@code LW}: the month's last weekday (Monday to Friday). */
        record LastWeekday() implements Days {
            public boolean matches(LocalDate d) {
                LocalDate last = d.with(TemporalAdjusters.lastDayOfMonth());
                while (weekend(last)) {
                    last = last.minusDays(1);
                }
                return d.equals(last);
            }
        }

        /**
         * {@code nW}: the weekday nearest day n, within the month: a Saturday moves to Friday (or to
         * Monday the 3rd when n is 1), a Sunday to Monday (or to Friday when n is the last day). A
         * month shorter than n has none.
         */
        record NearestWeekday(int n) implements Days {
            public boolean matches(LocalDate d) {
                if (n > d.lengthOfMonth()) {
                    return false;
                }
                LocalDate target = d.withDayOfMonth(n);
                if (target.getDayOfWeek() == DayOfWeek.SATURDAY) {
                    target = n == 1 ? target.plusDays(2) : target.minusDays(1);
                } else if (target.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    target = n == d.lengthOfMonth() ? target.minusDays(2) : target.plusDays(1);
                }
                return d.equals(target);
            }
        }

        /** {@code nL} in day-of-week: the month's last day n (6L: the last Friday). */
        record LastOfMonth(int day) implements Days {
            public boolean matches(LocalDate d) {
                return cronDay(d.getDayOfWeek()) == day && d.plusDays(7).getMonthValue() != d.getMonthValue();
            }
        }

        /** {@code n#k}: the month's k-th day n (2#1: the first Monday); a month without one has none. */
        record NthOfMonth(int day, int nth) implements Days {
            public boolean matches(LocalDate d) {
                return cronDay(d.getDayOfWeek()) == day && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
            }
        }

        private static int cronDay(DayOfWeek dow) {
            return dow.getValue() % 7 + 1;
        }

        private static boolean weekend(LocalDate d) {
            return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
        }
    }

    @Override
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDateTime t = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (true) {
            Optional<LocalDateTime> local = nextLocal(t);
            if (local.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime c = local.get();
            List<ZoneOffset> offsets = rules.getValidOffsets(c);
            // a gap (no offset): this wall clock time never happens; an overlap: the first occurrence only
            if (!offsets.isEmpty()) {
                Instant at = c.toInstant(offsets.getFirst());
                if (at.isAfter(after)) {
                    return Optional.of(at);
                }
            }
            t = c.plusMinutes(1);
        }
    }

    /** The first wall clock time at or after {@code t} (a whole minute) that all fields allow. */
    Optional<LocalDateTime> nextLocal(LocalDateTime t) {
        while (true) {
            int year = t.getYear();
            if (year > LAST_YEAR) {
                return Optional.empty();
            }
            if (!years.get(year)) {
                int next = years.nextSetBit(Math.max(year + 1, FIRST_YEAR));
                if (next < 0) {
                    return Optional.empty();
                }
                t = LocalDateTime.of(next, 1, 1, 0, 0);
                continue;
            }
            if (!months.get(t.getMonthValue())) {
                int next = months.nextSetBit(t.getMonthValue() + 1);
                t = next < 0 ? LocalDateTime.of(year + 1, 1, 1, 0, 0) : LocalDateTime.of(year, next, 1, 0, 0);
                continue;
            }
            if (!days.matches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            if (!hours.get(t.getHour())) {
                int next = hours.nextSetBit(t.getHour() + 1);
                t = next < 0 ? t.toLocalDate().plusDays(1).atStartOfDay() : t.toLocalDate().atTime(next, 0);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                int next = minutes.nextSetBit(t.getMinute() + 1);
                t = next < 0 ? t.truncatedTo(ChronoUnit.HOURS).plusHours(1) : t.withMinute(next);
                continue;
            }
            return Optional.of(t);
        }
    }
}
