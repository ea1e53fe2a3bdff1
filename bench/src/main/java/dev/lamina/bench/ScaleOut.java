package dev.lamina.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scale-out from zero: {@code count} invocations of a function with no environment, all at once,
 * each holding its environment for {@link #HOLD_MS}. An invocation's environment was ready when its
 * answer came back, less the hold; the rate is environments over the time the last one took.
 */
final class ScaleOut {
    static final int HOLD_MS = 3000;

    record Result(int invocations, int throttled, double lastReadyMs, double medianReadyMs, double perSecond) {
    }

    private ScaleOut() {
    }

    static Result measure(LambdaClient lambda, String function, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Double>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    try {
                        lambda.invoke(b -> b.functionName(function)
                                .payload(SdkBytes.fromUtf8String("{\"sleepMs\":" + HOLD_MS + "}")));
                        return Latency.millisSince(start) - HOLD_MS;
                    } catch (TooManyRequestsException e) {
                        return -1.0;
                    }
                }));
            }
            go.countDown();
            double[] ready = new double[count];
            int throttled = 0;
            for (int i = 0; i < count; i++) {
                ready[i] = calls.get(i).get();
                throttled += ready[i] < 0 ? 1 : 0;
            }
            Arrays.sort(ready);
            double last = ready[count - 1];
            return new Result(count, throttled, last, Stats.percentile(ready, 50), (count - throttled) / (last / 1000));
        } finally {
            pool.shutdownNow();
        }
    }
}
