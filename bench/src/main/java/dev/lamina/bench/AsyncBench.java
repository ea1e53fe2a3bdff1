package dev.lamina.bench;

import dev.lamina.model.FunctionName;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.store.events.EventLog;
import dev.lamina.store.events.Task;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The asynchronous-invocation benchmark (bench/run-async). Over rounds, in one run: the event log's
 * durable enqueue rate with group commit against one commit per event (the baseline); the latency
 * of Invoke with InvocationType Event, answered 202 once on disk, against a synchronous invoke of
 * the same warm function; and the dispatch latency to an idle environment, from the 202 to the
 * handler's first line, against a synchronous invoke's request-to-handler time.
 */
public final class AsyncBench {
    private static final int ONE_AT_A_TIME = 300;
    private static final int PRODUCERS = 128;
    private static final int PER_PRODUCER = 200;
    private static final int CALLS = 200;
    private static final int DISPATCHES = 50;
    private static final int CONCURRENCY = 16;

    private AsyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.setProperty("http.maxConnections", "64");
        Map<String, List<Double>> series = new LinkedHashMap<>();
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "lamina-bench-log-");
        ExecutionConfig execution = ExecutionConfig.defaults().withKeepAlive(Duration.ofMinutes(30))
                .withLearnedKeepAlive(false);
        try (Lamina lamina = Lamina.start(execution)) {
            Echoes.deploy(lamina.lambda, "accept", Echoes.node(), Bench.MEMORY_MB);
            Echoes.deploy(lamina.lambda, "dispatch", Echoes.nodeStamped(), Bench.MEMORY_MB);
            for (int round = 0; round < rounds; round++) {
                System.err.printf("bench: round %d of %d%n", round + 1, rounds);
                eventLog(scratch.resolve("round-" + round + ".db"), series);
                accepts(lamina, round, series);
                dispatches(lamina, round, series);
            }
        }
        print(rounds, series);
    }

    /** Durable adds per second: one at a time (each waits for its own commit), then from many producers. */
    private static void eventLog(Path file, Map<String, List<Double>> series) throws Exception {
        try (EventLog log = EventLog.open(file)) {
            AtomicInteger n = new AtomicInteger();
            long start = System.nanoTime();
            for (int i = 0; i < ONE_AT_A_TIME; i++) {
                add(log, n.incrementAndGet()).join();
            }
            add(series, "log, one commit per event (events/s)", ONE_AT_A_TIME / seconds(start));

            start = System.nanoTime();
            try (ExecutorService producers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int p = 0; p < PRODUCERS; p++) {
                    producers.submit(() -> {
                        for (int i = 0; i < PER_PRODUCER; i++) {
                            add(log, n.incrementAndGet()).join();
                        }
                    });
                }
            }
            add(series, "log, group commit, " + PRODUCERS + " producers (events/s)",
                    PRODUCERS * PER_PRODUCER / seconds(start));
        }
        Files.deleteIfExists(file);
    }

    private static CompletableFuture<List<Long>> add(EventLog log, int n) {
        Instant now = Instant.now();
        return log.add(List.of(new Task.Invoke("bench-" + n, new FunctionName("accept"), Optional.empty(),
                ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), now, 0, Optional.empty())), now);
    }

    /** Invoke's latency, synchronous (the baseline) and Event, at concurrency 1, and Event at 16. */
    private static void accepts(Lamina lamina, int round, Map<String, List<Double>> series) throws Exception {
        LambdaClient lambda = lamina.lambda;
        double[] sync = Latency.sequential(50, CALLS, () -> lambda.invoke(b -> b.functionName("accept")
                .payload(SdkBytes.fromUtf8String("{}"))));
        add(series, "sync Invoke, warm, p50 (ms)", Stats.percentile(sync, 50));
        AtomicInteger n = new AtomicInteger();
        Latency.Call event = () -> lambda.invoke(b -> b.functionName("accept").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"round\":" + round + ",\"n\":" + n.incrementAndGet() + "}")));
        double[] one = Latency.sequential(50, CALLS, event);
        add(series, "Event Invoke, 202, p50 (ms)", Stats.percentile(one, 50));
        add(series, "Event Invoke, 202, p99 (ms)", Stats.percentile(one, 99));
        Latency.Concurrent many = Latency.concurrent(CONCURRENCY, 10, 300, event);
        add(series, "Event Invoke, 202, c16, p50 (ms)", Stats.percentile(many.millis(), 50));
        add(series, "Event Invoke, 202, c16, p99 (ms)", Stats.percentile(many.millis(), 99));
        add(series, "Event Invoke, c16 (accepted/s)", many.perSecond());
        HandlerStarts.awaitDrained(lamina);
    }

    /**
     * One event at a time to a function whose environment is idle: from the 202 to the handler's
     * first line; and, for the baseline, from sending a synchronous invoke to the handler's first line.
     */
    private static void dispatches(Lamina lamina, int round, Map<String, List<Double>> series) throws Exception {
        LambdaClient lambda = lamina.lambda;
        Path group = lamina.dataDir.resolve("logs");
        double[] sync = new double[DISPATCHES];
        double[] async = new double[DISPATCHES];
        double[] afterAck = new double[DISPATCHES];
        for (int i = -5; i < DISPATCHES; i++) {
            String syncId = "s-" + round + "-" + i;
            double sent = HandlerStarts.nowMillis();
            lambda.invoke(b -> b.functionName("dispatch").payload(SdkBytes.fromUtf8String("{\"id\":\"" + syncId + "\"}")));
            double syncStarted = HandlerStarts.await(group, syncId);

            String asyncId = "a-" + round + "-" + i;
            double sentAsync = HandlerStarts.nowMillis();
            lambda.invoke(b -> b.functionName("dispatch").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"id\":\"" + asyncId + "\"}")));
            double acknowledged = HandlerStarts.nowMillis();
            double asyncStarted = HandlerStarts.await(group, asyncId);
            HandlerStarts.awaitDrained(lamina); // the environment is idle again before the next one
            if (i >= 0) { // the first few warm the environment and the JIT
                sync[i] = syncStarted - sent;
                async[i] = asyncStarted - sentAsync;
                afterAck[i] = asyncStarted - acknowledged;
            }
        }
        add(series, "sync Invoke, request to handler, p50 (ms)", Stats.percentile(sync, 50));
        add(series, "Event Invoke, request to handler, idle environment, p50 (ms)", Stats.percentile(async, 50));
        add(series, "Event Invoke, request to handler, idle environment, p99 (ms)", Stats.percentile(async, 99));
        add(series, "Event Invoke, 202 received to handler, p50 (ms)", Stats.percentile(afterAck, 50));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void add(Map<String, List<Double>> series, String name, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static void print(int rounds, Map<String, List<Double>> series) {
        System.out.printf("Asynchronous invocation, %d rounds; median (min–max) across rounds%n%n", rounds);
        System.out.println("| Series | Result |");
        System.out.println("|---|---|");
        for (var s : series.entrySet()) {
            double[] v = s.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String format = s.getKey().endsWith("(ms)") ? "%.2f (%.2f–%.2f)" : "%.0f (%.0f–%.0f)";
            System.out.printf("| %s | %s |%n", s.getKey(),
                    String.format(Locale.ROOT, format, Stats.percentile(v, 50), v[0], v[v.length - 1]));
        }
        System.out.println();
        System.out.printf("Group commit against one commit per event: %.1fx%n",
                median(series.get("log, group commit, " + PRODUCERS + " producers (events/s)"))
                        / median(series.get("log, one commit per event (events/s)")));
        System.out.printf("Event 202 against a synchronous warm invoke, p50: %.2fx%n",
                median(series.get("Event Invoke, 202, p50 (ms)")) / median(series.get("sync Invoke, warm, p50 (ms)")));
        System.out.printf("Request to handler, Event against synchronous, p50: %.2fx%n",
                median(series.get("Event Invoke, request to handler, idle environment, p50 (ms)"))
                        / median(series.get("sync Invoke, request to handler, p50 (ms)")));
    }

    private static double median(List<Double> values) {
        return Stats.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }
}
