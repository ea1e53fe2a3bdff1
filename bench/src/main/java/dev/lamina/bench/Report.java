package dev.lamina.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The harness's Markdown tables and chart: the median of the rounds with the range across them. */
final class Report {
    private Report() {
    }

    static void print(int rounds, int calls, Map<String, Bench.Target> targets, Bench.Results r) {
        double floor = median(r.warmP50.get("floor"));
        System.out.printf(Locale.ROOT, "%n%d rounds; %d calls per series per round; median of the rounds (min–max).%n%n",
                rounds, calls);

        System.out.println("### Warm invoke, one caller (sequential, keep-alive)");
        System.out.println();
        System.out.println("| series | p50 | p99 | p50 ÷ floor | p50 − floor |");
        System.out.println("|---|---|---|---|---|");
        for (var t : targets.entrySet()) {
            List<Double> p50 = r.warmP50.get(t.getKey());
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %s |%n", t.getValue().label(), Stats.acrossRounds(p50, "ms"),
                    Stats.acrossRounds(r.warmP99.get(t.getKey()), "ms"), median(p50) / floor,
                    t.getKey().equals("floor") ? "—" : String.format(Locale.ROOT, "%.0f µs", (median(p50) - floor) * 1000));
        }
        System.out.println();

        System.out.println("### Warm invoke, " + Bench.CONCURRENCY + " callers at once, and throughput");
        System.out.println();
        System.out.println("| series | p50 | p99 | invocations/s |");
        System.out.println("|---|---|---|---|");
        for (var t : targets.entrySet()) {
            if (r.throughput.containsKey(t.getKey())) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", t.getValue().label(),
                        Stats.acrossRounds(r.concurrentP50.get(t.getKey()), "ms"),
                        Stats.acrossRounds(r.concurrentP99.get(t.getKey()), "ms"),
                        Stats.acrossRounds(r.throughput.get(t.getKey()), ""));
            }
        }
        System.out.println();

        System.out.println("### Cold start (" + Bench.MEMORY_MB + " MB)");
        System.out.println();
        System.out.println("| runtime | client round trip | Init Duration (REPORT) |");
        System.out.println("|---|---|---|");
        for (String series : r.coldRoundTrip.keySet()) {
            System.out.printf("| %s | %s | %s |%n", series, Stats.acrossRounds(r.coldRoundTrip.get(series), "ms"),
                    Stats.acrossRounds(r.coldInit.get(series), "ms"));
        }
        System.out.println();

        System.out.println("### Memory per idle environment (128 MB functions, " + Bench.IDLE_ENVIRONMENTS
                + " environments, measured once)");
        System.out.println();
        System.out.println("| runtime | environments | Lamina heap retained | Lamina resident set | runtime resident set |");
        System.out.println("|---|---|---|---|---|");
        for (Footprint.PerEnvironment f : r.footprints) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f KiB | %.0f KiB | %.0f KiB |%n", f.runtime(), f.environments(),
                    f.laminaHeapKib(), f.laminaRssKib(), f.runtimeRssKib());
        }
        System.out.println();

        ScaleOut.Result s = r.scaleOut;
        System.out.println("### Scale-out from zero (Python, 128 MB, measured once)");
        System.out.println();
        System.out.println("| invocations at once | throttled | all environments ready after | median ready after "
                + "| environments started per second |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %d | %d | %.0f ms | %.0f ms | %.0f |%n", s.invocations(), s.throttled(),
                s.lastReadyMs(), s.medianReadyMs(), s.perSecond());
    }

    static String chart(Map<String, Bench.Target> targets, Bench.Results r) {
        List<Chart.Bar> warm = new ArrayList<>();
        for (var t : targets.entrySet()) {
            warm.add(new Chart.Bar(t.getValue().label(), median(r.warmP50.get(t.getKey()))));
        }
        List<Chart.Bar> cold = new ArrayList<>();
        for (var series : r.coldInit.entrySet()) {
            cold.add(new Chart.Bar("Lamina, " + series.getKey(), median(series.getValue())));
        }
        List<Chart.Bar> throughput = new ArrayList<>();
        for (var t : targets.entrySet()) {
            if (r.throughput.containsKey(t.getKey())) {
                throughput.add(new Chart.Bar(t.getValue().label(), median(r.throughput.get(t.getKey()))));
            }
        }
        return Chart.svg("Lamina benchmarks (bench/run, median of the rounds)", List.of(
                new Chart.Panel("Warm invoke p50, one caller", "ms", warm),
                new Chart.Panel("Throughput, " + Bench.CONCURRENCY + " callers", "invocations/s", throughput),
                new Chart.Panel("Cold start, Init Duration", "ms", cold)));
    }

    static double median(List<Double> values) {
        return Stats.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }
}
