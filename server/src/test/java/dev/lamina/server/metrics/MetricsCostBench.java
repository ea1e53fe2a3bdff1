package dev.lamina.server.metrics;

import dev.lamina.invoke.InvocationObserver;
import dev.lamina.invoke.InvocationSummary;
import dev.lamina.model.FunctionName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * What the metrics observer adds to a warm invoke, outside the default suite (it measures, it does
 * not assert): {@code ./run-tests -pl server -am -Dtest=MetricsCostBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmetrics.bench=true}. Prints the median of several rounds
 * in nanoseconds of CPU per observed invocation, on one thread and on several at once over the same
 * functions (contention would make each one dearer), and what one scrape of 1,000 label sets costs.
 */
@EnabledIfSystemProperty(named = "metrics.bench", matches = "true")
class MetricsCostBench {
    static final int FUNCTIONS = 100;

    static InvocationSummary[] warmSummaries() {
        return IntStream.range(0, FUNCTIONS).mapToObj(i -> new InvocationSummary("req-" + i,
                new FunctionName("function-" + i), "$LATEST", Optional.empty(), 128, false, Optional.empty(),
                Instant.now(), Optional.empty(), Duration.ofNanos(1_200_000 + i), false,
                InvocationSummary.Outcome.SUCCESS, Optional.empty(), Optional.empty())).toArray(InvocationSummary[]::new);
    }

    @Test
    void observerCost() {
        Metrics metrics = new Metrics(1000);
        InvocationObserver observer = InvocationObserver.all(java.util.List.of(metrics.invocations()));
        InvocationSummary[] summaries = warmSummaries();
        int perRound = 1_000_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int threads : new int[] {1, 2, 4}) {
            double[] rounds = new double[7];
            for (int r = 0; r < rounds.length + 3; r++) {
                // CPU time, not wall time: the machine is shared, and waiting for a core is not the observer's cost.
                CompletableFuture<?>[] workers = new CompletableFuture<?>[threads];
                LongAdder cpuNanos = new LongAdder();
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    workers[t] = CompletableFuture.runAsync(() -> {
                        long start = cpu.getCurrentThreadCpuTime();
                        for (int i = 0; i < perRound; i++) {
                            observer.ended(summaries[(i + offset) % FUNCTIONS]);
                        }
                        cpuNanos.add(cpu.getCurrentThreadCpuTime() - start);
                    }, r2 -> Thread.ofPlatform().start(r2));
                }
                CompletableFuture.allOf(workers).join();
                if (r >= 3) { // the first rounds warm the JIT up
                    rounds[r - 3] = cpuNanos.sum() / (double) threads / perRound;
                }
            }
            Arrays.sort(rounds);
            System.out.printf("metrics observer, %d thread(s) at once on the same 100 functions: %.0f ns of CPU per "
                    + "observed invocation (median of %d rounds)%n", threads, rounds[rounds.length / 2], rounds.length);
        }
    }

    @Test
    void scrapeCost() {
        // A clock that moves past the render cache's age at every scrape: each scrape renders.
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        Metrics metrics = new Metrics(1000, () -> clock.addAndGet(Metrics.RENDER_MAX_AGE.toNanos()));
        for (int i = 0; i < 1000; i++) {
            metrics.invocations().ended(new InvocationSummary("r", new FunctionName("f-" + i), "$LATEST",
                    Optional.empty(), 128, false, Optional.empty(), Instant.now(), Optional.of(Duration.ofMillis(90)),
                    Duration.ofMillis(3), false, InvocationSummary.Outcome.ERROR, Optional.of("E"), Optional.empty()));
        }
        double[] rounds = new double[5];
        int bytes = 0;
        for (int r = 0; r < rounds.length + 2; r++) {
            long start = System.nanoTime();
            bytes = metrics.scrape().length;
            if (r >= 2) {
                rounds[r - 2] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(rounds);
        System.out.printf("scrape of 1000 label sets: %.0f ms, %d characters (median of %d)%n",
                rounds[rounds.length / 2], bytes, rounds.length);
    }
}
