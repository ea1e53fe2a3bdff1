package dev.lamina.logs.filter;

import dev.lamina.logs.filter.MessageFields.Field;

import java.util.List;
import java.util.function.Predicate;

/**
 * A space-delimited pattern ({@code [ip, user, ..., status_code = 4*, bytes]}), held as the runs of
 * field conditions between ellipses. Without an ellipsis the message needs at least as many fields as
 * the pattern, and the last pattern field takes the rest of the message: so {@code [w1=ERROR, w2]}
 * matches every event whose first word is ERROR, as AWS documents (and {@code [w1=ERROR]} only the
 * event "ERROR"). An ellipsis stands for any number of fields, none included.
 * Matching costs at most (message fields × pattern fields) field tests.
 */
record DelimitedPattern(List<List<Predicate<String>>> runs) implements FilterPattern {
    @Override
    public boolean matches(String message) {
        if (message == null) {
            return false;
        }
        List<Field> fields = MessageFields.split(message);
        return runs.size() == 1 ? matchesWhole(message, fields, runs.getFirst()) : matchesAround(fields);
    }

    private static boolean matchesWhole(String message, List<Field> fields, List<Predicate<String>> run) {
        int m = run.size();
        int n = fields.size();
        if (n < m) {
            return false;
        }
        for (int i = 0; i < m - 1; i++) {
            if (!run.get(i).test(fields.get(i).value())) {
                return false;
            }
        }
        String last = n == m
                ? fields.get(m - 1).value()
                : message.substring(fields.get(m - 1).start(), fields.get(n - 1).end());
        return run.get(m - 1).test(last);
    }

    /** The first run is anchored at the start, the last at the end; each middle run at its leftmost fit. */
    private boolean matchesAround(List<Field> fields) {
        List<Predicate<String>> first = runs.getFirst();
        List<Predicate<String>> last = runs.getLast();
        int limit = fields.size() - last.size();
        if (limit < first.size() || !runAt(first, fields, 0) || !runAt(last, fields, limit)) {
            return false;
        }
        int pos = first.size();
        for (List<Predicate<String>> run : runs.subList(1, runs.size() - 1)) {
            int at = pos;
            while (at + run.size() <= limit && !runAt(run, fields, at)) {
                at++;
            }
            if (at + run.size() > limit) {
                return false;
            }
            pos = at + run.size();
        }
        return true;
    }

    private static boolean runAt(List<Predicate<String>> run, List<Field> fields, int at) {
        for (int i = 0; i < run.size(); i++) {
            if (!run.get(i).test(fields.get(at + i).value())) {
                return false;
            }
        }
        return true;
    }
}
