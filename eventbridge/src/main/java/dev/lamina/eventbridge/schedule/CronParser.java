package dev.lamina.eventbridge.schedule;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * AWS's six-field cron: {@code minutes hours day-of-month month day-of-week year}, one space apart.
 *
 * <pre>
 * field         values              wildcards
 * minutes       0-59                , - * /
 * hours         0-23                , - * /
 * day-of-month  1-31                , - * / ? L W   (L: last day; nW: weekday nearest n; LW: last weekday)
 * month         1-12 or JAN-DEC     , - * /
 * day-of-week   1-7 or SUN-SAT      , - * ? L #     (1 = SUN; L: SAT; nL: last n of the month; n#k: k-th n)
 * year          1970-2199           , - * /
 * </pre>
 * Exactly one of day-of-month and day-of-week is {@code ?}. {@code a/n} means a, a+n, … up to the
 * field's maximum; {@code a-b/n} up to b; a range whose start is after its end wraps around (as
 * Quartz, whose dialect AWS's is). Names are case-insensitive. {@code L}, {@code W} and {@code #}
 * stand alone in their field (no lists).
 */
final class CronParser {
    private CronParser() {
    }

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    /** A field's bounds and names. */
    private record Field(int min, int max, List<String> names, boolean slash) {
    }

    private static final Field MINUTES = new Field(0, 59, List.of(), true);
    private static final Field HOURS = new Field(0, 23, List.of(), true);
    private static final Field DOM = new Field(1, 31, List.of(), true);
    private static final Field MONTH = new Field(1, 12, MONTHS, true);
    private static final Field DOW = new Field(1, 7, DAYS, false);
    private static final Field YEAR = new Field(Cron.FIRST_YEAR, Cron.LAST_YEAR, List.of(), true);

    /** The cron of {@code fields} (the text between the parentheses), or null when it is not valid. */
    static Cron parse(String text, String fields) {
        String[] f = fields.split(" ", -1);
        if (f.length != 6) {
            return null;
        }
        try {
            BitSet minutes = values(f[0], MINUTES);
            BitSet hours = values(f[1], HOURS);
            BitSet months = values(f[3], MONTH);
            BitSet years = values(f[5], YEAR);
            boolean domAny = f[2].equals("?");
            boolean dowAny = f[4].equals("?");
            if (domAny == dowAny) {
                return null;
            }
            Cron.Days days = domAny ? dayOfWeek(f[4]) : dayOfMonth(f[2]);
            return new Cron(text, minutes, hours, months, years, days);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Cron.Days dayOfMonth(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        if (u.equals("L")) {
            return new Cron.Days.LastDay();
        }
        if (u.equals("LW")) {
            return new Cron.Days.LastWeekday();
        }
        if (u.endsWith("W")) {
            int n = number(u.substring(0, u.length() - 1), DOM);
            return new Cron.Days.NearestWeekday(n);
        }
        return new Cron.Days.OfMonth(values(s, DOM));
    }

    private static Cron.Days dayOfWeek(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        if (u.equals("L")) {
            BitSet sat = new BitSet();
            sat.set(7);
            return new Cron.Days.OfWeek(sat);
        }
        if (u.endsWith("L")) {
            return new Cron.Days.LastOfMonth(number(u.substring(0, u.length() - 1), DOW));
        }
        int hash = u.indexOf('#');
        if (hash >= 0) {
            int day = number(u.substring(0, hash), DOW);
            String k = u.substring(hash + 1);
            if (!k.matches("[1-5]")) {
                throw new IllegalArgumentException("nth");
            }
            return new Cron.Days.NthOfMonth(day, Integer.parseInt(k));
        }
        return new Cron.Days.OfWeek(values(s, DOW));
    }

    /** The values a list of {@code *}, {@code n}, {@code a-b}, {@code x/n} items selects. */
    private static BitSet values(String s, Field field) {
        BitSet set = new BitSet();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        for (String item : s.split(",", -1)) {
            item(item, field, set);
        }
        return set;
    }

    private static void item(String item, Field field, BitSet set) {
        int slash = item.indexOf('/');
        String range = slash < 0 ? item : item.substring(0, slash);
        int step = 1;
        if (slash >= 0) {
            if (!field.slash) {
                throw new IllegalArgumentException("no increments here");
            }
            String inc = item.substring(slash + 1);
            if (!inc.matches("[0-9]{1,4}")) {
                throw new IllegalArgumentException("increment");
            }
            step = Integer.parseInt(inc);
            if (step < 1 || step > field.max - field.min + 1) {
                throw new IllegalArgumentException("increment out of range");
            }
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = field.min;
            to = field.max;
        } else {
            int dash = range.indexOf('-');
            if (dash < 0) {
                from = number(range, field);
                // "a/n" runs from a to the field's end; a lone "a" is just a
                to = slash >= 0 ? field.max : from;
            } else {
                from = number(range.substring(0, dash), field);
                to = number(range.substring(dash + 1), field);
            }
        }
        int span = field.max - field.min + 1;
        int count = to >= from ? to - from : to - from + span;
        for (int i = 0; i <= count; i += step) {
            set.set(field.min + Math.floorMod(from - field.min + i, span));
        }
    }

    private static int number(String s, Field field) {
        String u = s.toUpperCase(Locale.ROOT);
        int named = field.names.indexOf(u);
        if (named >= 0) {
            return field.min + named;
        }
        if (!u.matches("[0-9]{1,4}")) {
            throw new IllegalArgumentException("not a number: " + s);
        }
        int n = Integer.parseInt(u);
        if (n < field.min || n > field.max) {
            throw new IllegalArgumentException("out of range: " + s);
        }
        return n;
    }
}
