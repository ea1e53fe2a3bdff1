package dev.lamina.usage;

import dev.lamina.invoke.InvocationSummary;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What metering costs the invoke path, and what a flush costs, outside the default suite (it
 * measures, it does not assert): {@code ./run-tests -pl usage -am -Dtest=UsageCostBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dusage.bench=true}. Prints medians of several rounds.
 */
@EnabledIfSystemProperty(named = "usage.bench", matches = "true")
class UsageCostBench {
    @TempDir
    Path dir;

    @Test
    void meteringCost() throws InterruptedException {
        try (SqliteStore store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "env"))) {
            UsageMeter meter = new UsageMeter(store);
            List<InvocationSummary> summaries = new ArrayList<>();
            for (int f = 0; f < 100; f++) {
                summaries.add(new InvocationSummary("req", new dev.lamina.model.FunctionName("fn-" + f), "$LATEST",
                        Optional.empty(), 128, false, Optional.empty(), Instant.now(), Optional.empty(),
                        Duration.ofNanos(1_234_567), false, InvocationSummary.Outcome.SUCCESS, Optional.empty(),
                        Optional.empty()));
            }
            for (int threads : new int[] {1, 4}) {
                int perThread = 1_000_000;
                double[] rounds = new double[5];
                for (int r = 0; r < rounds.length + 2; r++) {
                    List<Thread> running = new ArrayList<>();
                    long start = System.nanoTime();
                    for (int t = 0; t < threads; t++) {
                        running.add(Thread.ofPlatform().start(() -> {
                            for (int i = 0; i < perThread; i++) {
                                meter.ended(summaries.get(i % summaries.size()));
                            }
                        }));
                    }
                    for (Thread t : running) {
                        t.join();
                    }
                    long elapsed = System.nanoTime() - start;
                    long flushStart = System.nanoTime();
                    int buckets = meter.flush();
                    long flushed = System.nanoTime() - flushStart;
                    if (r >= 2) {
                        rounds[r - 2] = (double) elapsed / ((long) perThread * threads);
                        System.out.printf("  flush of %d buckets: %.1f ms%n", buckets, flushed / 1e6);
                    }
                }
                java.util.Arrays.sort(rounds);
                System.out.printf("UsageMeter.ended, %d threads: %.0f ns per invocation (median of %d rounds)%n",
                        threads, rounds[rounds.length / 2], rounds.length);
            }
        }
    }
}
