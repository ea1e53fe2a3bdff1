package dev.lamina.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.ToDoubleFunction;

/** The HTTP benchmark's Markdown: per connection count, each series beside the floor; then the goals. */
final class HttpReport {
    private HttpReport() {
    }

    /** Everything one run measured: per series, per connection count, one wrk result per round. */
    record Run(int rounds, int seconds, List<Integer> connections, List<Wrk.Target> targets, String form,
               String loadBefore, Cpu idleFiveSeconds, Map<String, Map<Integer, List<Wrk.Result>>> results) {
        void add(String key, int connections, Wrk.Result r) {
            results.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(connections, k -> new ArrayList<>()).add(r);
        }

        List<Double> series(String key, int connections, ToDoubleFunction<Wrk.Result> f) {
            return results.getOrDefault(key, Map.of()).getOrDefault(connections, List.of()).stream()
                    .mapToDouble(f).boxed().toList();
        }

        boolean has(String key) {
            return results.containsKey(key);
        }
    }

    static void print(Run run, String loadAfter) {
        int most = run.connections().stream().mapToInt(Integer::intValue).max().orElse(1);
        String floor = faster(run, most);
        System.out.printf(Locale.ROOT, "%n%s: wrk, 1 thread, %d s per series, %d rounds; median of the rounds (min–max)."
                + " Load average (1 min) %s before, %s after. Function URL and HTTP API reached by the %s.%n",
                Wrk.version(), run.seconds(), run.rounds(), run.loadBefore(), loadAfter, run.form());
        System.out.printf("The floor is %s, the faster of the two floors at %d connections in this run.%n",
                label(run, floor), most);
        System.out.printf(Locale.ROOT, "Idle, all the servers took %.1f ms of CPU per second (the JVM %.1f ms);"
                + " CPU per request leaves that out.%n",
                (run.idleFiveSeconds().jvmNanos() + run.idleFiveSeconds().childrenNanos()) / 5e6,
                run.idleFiveSeconds().jvmNanos() / 5e6);
        double jit = run.results().values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
                .mapToLong(r -> r.cpu().jitNanos()).sum() / 1e9;
        System.out.printf(Locale.ROOT, "It leaves out the JIT compilers too, which ran %.1f s in all the measured"
                + " series together.%n%n", jit);
        for (int c : run.connections()) {
            System.out.printf("### %d connection%s%n%n", c, c == 1 ? "" : "s");
            System.out.println("| series | requests/s | p50 | p99 | requests/s ÷ floor | p50 − floor "
                    + "| CPU per request (of which the JVM's) |");
            System.out.println("|---|---|---|---|---|---|---|");
            double floorRate = median(run.series(floor, c, Wrk.Result::perSecond));
            double floorP50 = median(run.series(floor, c, Wrk.Result::p50Micros));
            for (Wrk.Target t : run.targets()) {
                List<Double> rate = run.series(t.key(), c, Wrk.Result::perSecond);
                List<Double> p50 = run.series(t.key(), c, Wrk.Result::p50Micros);
                List<Double> p99 = run.series(t.key(), c, Wrk.Result::p99Micros);
                long errors = run.results().get(t.key()).get(c).stream().mapToLong(Wrk.Result::errors).sum();
                System.out.printf(Locale.ROOT, "| %s%s | %s | %s | %s | %.2f | %s | %.0f µs (%.0f µs) |%n", t.label(),
                        errors == 0 ? "" : " (" + errors + " errors)", Stats.acrossRounds(rate, ""), micros(p50),
                        micros(p99), median(rate) / floorRate,
                        t.key().equals(floor) ? "—" : String.format(Locale.ROOT, "%.0f µs", median(p50) - floorP50),
                        median(run.series(t.key(), c, r -> r.cpuMicrosPerRequest(run.idleFiveSeconds()))),
                        median(run.series(t.key(), c, r -> r.jvmMicrosPerRequest(run.idleFiveSeconds()))));
            }
            System.out.println();
        }
        System.out.println("### The goals");
        System.out.println();
        System.out.println("| figure | connections | per round: median (min–max) | goal |");
        System.out.println("|---|---|---|---|");
        for (int c : run.connections()) {
            if (run.has("url") && run.has("invoke")) {
                List<Double> d = paired(run.series("url", c, Wrk.Result::p50Micros),
                        run.series("invoke", c, Wrk.Result::p50Micros), (a, b) -> a - b);
                System.out.printf("| function URL p50 − Invoke p50 | %d | %s | ≤ 100 µs |%n", c, micros(d));
            }
        }
        for (int c : run.connections()) {
            if (run.has("httpapi") && run.has("peer")) {
                List<Double> r = paired(run.series("httpapi", c, Wrk.Result::perSecond),
                        run.series("peer", c, Wrk.Result::perSecond), (a, b) -> a / b);
                System.out.printf("| Lamina HTTP API requests/s ÷ serverless-offline's | %d | %s | > 1 |%n", c,
                        Stats.acrossRounds(r, "×"));
            }
        }
    }

    /** The floor with the higher median requests/s at {@code connections}. */
    private static String faster(Run run, int connections) {
        double node = median(run.series("floor-node", connections, Wrk.Result::perSecond));
        double jetty = median(run.series("floor-java", connections, Wrk.Result::perSecond));
        return jetty > node || (Double.isNaN(node) && !Double.isNaN(jetty)) ? "floor-java" : "floor-node";
    }

    private static String label(Run run, String key) {
        return run.targets().stream().filter(t -> t.key().equals(key)).findFirst().map(Wrk.Target::label).orElse(key);
    }

    private static List<Double> paired(List<Double> a, List<Double> b, DoubleBinaryOperator op) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            out.add(op.applyAsDouble(a.get(i), b.get(i)));
        }
        return out;
    }

    /** wrk's latencies are whole microseconds. */
    private static String micros(List<Double> values) {
        return Stats.acrossRounds(values, "µs").replace(".00", "");
    }

    static double median(List<Double> values) {
        return values.isEmpty() ? Double.NaN : Report.median(values);
    }
}
