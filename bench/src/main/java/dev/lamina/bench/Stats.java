package dev.lamina.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Percentiles of one series, and medians and spreads across rounds. */
final class Stats {
    private Stats() {
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** "median (min–max)" of the per-round values. */
    static String acrossRounds(List<Double> perRound, String unit) {
        double[] v = perRound.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        String format = unit.isEmpty() ? "%.0f%s (%.0f–%.0f)" : "%.2f %s (%.2f–%.2f)";
        return String.format(Locale.ROOT, format, percentile(v, 50), unit, v[0], v[v.length - 1]);
    }
}
