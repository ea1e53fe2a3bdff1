package dev.lamina.invoke;

import dev.lamina.model.FunctionName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keep-alive policies replayed on synthetic six-hour traces with a fake clock, against a model
 * of the pool: invocations of one function take the warmest idle environment or start one, and an
 * environment idle longer than the policy's time-to-live is stopped. Counted: cold starts, and the
 * minutes idle environments held their memory. Deterministic (fixed seeds); it prints the table in
 * docs/BENCHMARKS.md and checks the trade-off documented there.
 */
class KeepAliveSimulationTest {
    static final Duration CEILING = Duration.ofMinutes(5);
    static final double HOURS = 6;
    static final FunctionName F = new FunctionName("f");

    /** One invocation: when it arrives and how long it runs, in seconds. */
    record Call(double at, double seconds) {
    }

    record Outcome(int calls, int coldStarts, double idleMinutes) {
    }

    /** An environment of the model: busy until, then idle since. */
    private static final class Env {
        double freeAt;
    }

    static Outcome replay(List<Call> calls, boolean learned) {
        AtomicLong now = new AtomicLong();
        KeepAlive policy = learned ? new LearnedKeepAlive(Duration.ofSeconds(30), CEILING, now::get)
                : KeepAlive.fixed(CEILING);
        List<Env> envs = new ArrayList<>();
        int cold = 0;
        double idle = 0;
        for (Call call : calls) {
            now.set((long) (call.at() * 1e9));
            double ttl = policy.ttl(F).toNanos() / 1e9;
            // The reaper: environments idle past their time-to-live are gone, having held memory that long.
            for (var it = envs.iterator(); it.hasNext(); ) {
                Env e = it.next();
                if (e.freeAt <= call.at() && call.at() - e.freeAt > ttl) {
                    idle += ttl;
                    it.remove();
                }
            }
            Env warmest = null;
            for (Env e : envs) {
                if (e.freeAt <= call.at() && (warmest == null || e.freeAt > warmest.freeAt)) {
                    warmest = e;
                }
            }
            if (warmest == null) {
                cold++;
                warmest = new Env();
                envs.add(warmest);
            } else {
                idle += call.at() - warmest.freeAt;
            }
            warmest.freeAt = call.at() + call.seconds();
            policy.invoked(F);
        }
        double ttl = policy.ttl(F).toNanos() / 1e9;
        idle += envs.size() * ttl; // every environment left idles out at the end
        return new Outcome(calls.size(), cold, idle / 60);
    }

    static List<Call> periodic(double everySeconds) {
        List<Call> out = new ArrayList<>();
        for (double t = 0; t < HOURS * 3600; t += everySeconds) {
            out.add(new Call(t, 0.1));
        }
        return out;
    }

    static List<Call> poisson(double meanSeconds, long seed) {
        Random random = new Random(seed);
        List<Call> out = new ArrayList<>();
        for (double t = 0; t < HOURS * 3600; t += -Math.log(1 - random.nextDouble()) * meanSeconds) {
            out.add(new Call(t, 0.1));
        }
        return out;
    }

    /** {@code width} calls at once, running a second each, every {@code everyMinutes}. */
    static List<Call> bursts(int width, double everyMinutes) {
        List<Call> out = new ArrayList<>();
        for (double t = 0; t < HOURS * 3600; t += everyMinutes * 60) {
            for (int i = 0; i < width; i++) {
                out.add(new Call(t + i * 0.001, 1));
            }
        }
        return out;
    }

    static List<Call> merged(List<Call> a, List<Call> b) {
        List<Call> out = new ArrayList<>(a);
        out.addAll(b);
        out.sort((x, y) -> Double.compare(x.at(), y.at()));
        return out;
    }

    record Trace(String name, List<Call> calls) {
    }

    static List<Trace> traces() {
        return List.of(
                new Trace("every 30 s", periodic(30)),
                new Trace("every 7 min", periodic(420)),
                new Trace("Poisson, mean 10 s", poisson(10, 1)),
                new Trace("Poisson, mean 1 min", poisson(60, 2)),
                new Trace("20 at once every 15 min", bursts(20, 15)),
                new Trace("every 5 s, and 30 at once every 10 min", merged(periodic(5), bursts(30, 10))),
                new Trace("Poisson mean 2 s, and 50 at once every 20 min", merged(poisson(2, 3), bursts(50, 20))));
    }

    @Test
    void learnedKeepAliveAgainstAFixedFiveMinutes() {
        StringBuilder table = new StringBuilder("| trace (6 h, one function) | calls | cold starts, fixed 5 min "
                + "| cold starts, learned | idle env-minutes, fixed 5 min | idle env-minutes, learned |\n"
                + "|---|---|---|---|---|---|\n");
        for (Trace trace : traces()) {
            Outcome fixed = replay(trace.calls(), false);
            Outcome learned = replay(trace.calls(), true);
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.0f |%n", trace.name(),
                    fixed.calls(), fixed.coldStarts(), learned.coldStarts(), fixed.idleMinutes(),
                    learned.idleMinutes()));
            // Never more memory held than the fixed ceiling ...
            assertThat(learned.idleMinutes()).as(trace.name()).isLessThanOrEqualTo(fixed.idleMinutes() + 1e-6);
            // ... and the same cold starts wherever the rhythm is regular.
            if (trace.name().startsWith("every")) {
                assertThat(learned.coldStarts()).as(trace.name()).isEqualTo(fixed.coldStarts());
            }
        }
        System.out.print(table);
        // Where bursts leave many environments behind a steady trickle, learning frees most of that memory.
        Outcome fixed = replay(traces().get(5).calls(), false);
        Outcome learned = replay(traces().get(5).calls(), true);
        assertThat(learned.idleMinutes()).isLessThan(fixed.idleMinutes() / 3);
    }
}
