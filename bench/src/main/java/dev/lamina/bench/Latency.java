package dev.lamina.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Timing calls: one after another, or from several threads at once. */
final class Latency {
    private Latency() {
    }

    interface Call {
        void run() throws Exception;
    }

    /** What a concurrent series measured: every call's latency and the calls per second overall. */
    record Concurrent(double[] millis, double perSecond) {
    }

    /** {@code count} calls one after another, after {@code warmup} unmeasured ones; milliseconds each. */
    static double[] sequential(int warmup, int count, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            call.run();
            ms[i] = millisSince(start);
        }
        return ms;
    }

    /** {@code threads} callers at once, each making {@code perThread} calls after {@code warmup} unmeasured ones. */
    static Concurrent concurrent(int threads, int warmup, int perThread, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch warm = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < warmup; i++) {
                        call.run();
                    }
                    warm.countDown();
                    go.await();
                    return sequential(0, perThread, call);
                }));
            }
            warm.await();
            long start = System.nanoTime();
            go.countDown();
            double[] all = new double[threads * perThread];
            int at = 0;
            for (Future<double[]> f : results) {
                double[] ms = f.get();
                System.arraycopy(ms, 0, all, at, ms.length);
                at += ms.length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Concurrent(all, all.length / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }
}
