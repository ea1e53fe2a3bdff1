package dev.lamina.bench;

import dev.lamina.model.RuntimeId;
import dev.lamina.server.ExecutionConfig;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness (bench/run). In one run, with the same client (the AWS SDK for Java v2):
 * the floor (the echo handler in a minimal Node.js HTTP server), the peer (serverless-offline) when
 * installed, and two Lamina servers in this JVM — one as configured by default, with stem cells, and
 * one without them, for cold starts that start the runtime afresh. Measured over rounds: warm
 * invokes at concurrency 1 and 16, throughput, cold starts per runtime with and without stem cells;
 * once: Lamina's and the runtimes' memory per idle environment, and scale-out from zero to 200.
 * Prints Markdown and writes an SVG chart to bench/target/benchmarks.svg.
 */
public final class Bench {
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
    /** One full vCPU, as Lambda gives 1769 MB: the measurement is of Lamina, not of a CPU quota. */
    static final int MEMORY_MB = 1769;
    static final int CONCURRENCY = 16;
    static final int IDLE_ENVIRONMENTS = 40;
    static final int SCALE_OUT = 200;
    private static final SdkBytes EVENT = SdkBytes.fromUtf8String("{\"bench\":true}");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        System.setProperty("http.maxConnections", "256"); // the scale-out holds 200 connections at once
        Path benchDir = Path.of(System.getProperty("lamina.bench.dir", "bench"));
        Results results = new Results();

        ExecutionConfig base = ExecutionConfig.defaults().withKeepAlive(Duration.ofMinutes(30))
                .withLearnedKeepAlive(false).withMemoryBudgetMb(96 * 1024);
        ExecutionConfig withCells = base.withPrewarm(List.of(
                new ExecutionConfig.Prewarm(RuntimeId.Family.NODEJS, MEMORY_MB),
                new ExecutionConfig.Prewarm(RuntimeId.Family.PYTHON, MEMORY_MB),
                new ExecutionConfig.Prewarm(RuntimeId.Family.JAVA, MEMORY_MB)));
        try (External floor = External.floor(benchDir);
             Lamina lamina = Lamina.start(withCells);
             Lamina fresh = Lamina.start(base.withMaxStemCells(0))) {
            Optional<External> peer = External.peer(benchDir, 3102);
            try {
                for (Echoes.Echo e : Echoes.all()) {
                    Echoes.deploy(lamina.lambda, e.runtimeName(), e, MEMORY_MB);
                    Echoes.deploy(fresh.lambda, e.runtimeName(), e, MEMORY_MB);
                }
                Echoes.deploy(lamina.lambda, "idle-node", Echoes.node(), 128);
                Echoes.deploy(lamina.lambda, "idle-python", Echoes.python(), 128);
                Echoes.deploy(lamina.lambda, "scale-python", Echoes.python(), 128);
                Map<String, Target> targets = new LinkedHashMap<>();
                targets.put("floor", new Target(floor.label(), Clients.lambda(floor.endpoint(), "x", "x"),
                        floor.functionName()));
                peer.ifPresent(p -> targets.put("peer", new Target(p.label(), Clients.lambda(p.endpoint(), "x", "x"),
                        p.functionName())));
                for (Echoes.Echo e : Echoes.all()) {
                    targets.put(e.runtimeName(), new Target("Lamina, " + e.runtimeName() + " echo", lamina.lambda,
                            e.runtimeName()));
                }
                for (int round = 0; round < rounds; round++) {
                    System.err.printf("bench: round %d of %d%n", round + 1, rounds);
                    warm(targets, calls, results);
                    concurrent(targets, calls, results);
                    coldStarts(lamina, fresh, round, results);
                }
                System.err.println("bench: memory per idle environment, and scale-out");
                results.footprints.add(Footprint.measure(lamina.lambda, "idle-node", "node", "/var/runtime/index.js",
                        IDLE_ENVIRONMENTS));
                results.footprints.add(Footprint.measure(lamina.lambda, "idle-python", "python",
                        "/var/runtime/bootstrap.py", IDLE_ENVIRONMENTS));
                results.scaleOut = ScaleOut.measure(lamina.lambda, "scale-python", SCALE_OUT);
                Report.print(rounds, calls, targets, results);
                Path svg = benchDir.resolve("target/benchmarks.svg");
                Files.writeString(svg, Report.chart(targets, results));
                System.err.println("bench: chart written to " + svg);
            } finally {
                peer.ifPresent(External::close);
            }
        }
    }

    /** Something to invoke: a label for the tables, its client and the function's name there. */
    record Target(String label, LambdaClient client, String function) {
        InvokeResponse invoke() {
            return client.invoke(b -> b.functionName(function).payload(EVENT));
        }
    }

    /** Everything measured, by series, one value per round. */
    static final class Results {
        final Map<String, List<Double>> warmP50 = new LinkedHashMap<>();
        final Map<String, List<Double>> warmP99 = new LinkedHashMap<>();
        final Map<String, List<Double>> concurrentP50 = new LinkedHashMap<>();
        final Map<String, List<Double>> concurrentP99 = new LinkedHashMap<>();
        final Map<String, List<Double>> throughput = new LinkedHashMap<>();
        final Map<String, List<Double>> coldRoundTrip = new LinkedHashMap<>();
        final Map<String, List<Double>> coldInit = new LinkedHashMap<>();
        final List<Footprint.PerEnvironment> footprints = new ArrayList<>();
        ScaleOut.Result scaleOut;

        static void add(Map<String, List<Double>> series, String name, double value) {
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private static void warm(Map<String, Target> targets, int calls, Results results) throws Exception {
        for (var t : targets.entrySet()) {
            double[] ms = Latency.sequential(Math.min(50, calls), calls, () -> t.getValue().invoke());
            Results.add(results.warmP50, t.getKey(), Stats.percentile(ms, 50));
            Results.add(results.warmP99, t.getKey(), Stats.percentile(ms, 99));
        }
    }

    /** Concurrency 16 for the floor, the peer, and Lamina's Node.js and Python echoes. */
    private static void concurrent(Map<String, Target> targets, int calls, Results results) throws Exception {
        for (var t : targets.entrySet()) {
            if (t.getKey().equals("java") || t.getKey().equals("provided")) {
                continue;
            }
            Latency.Concurrent c = Latency.concurrent(CONCURRENCY, 20, Math.max(20, calls / 2),
                    () -> t.getValue().invoke());
            Results.add(results.concurrentP50, t.getKey(), Stats.percentile(c.millis(), 50));
            Results.add(results.concurrentP99, t.getKey(), Stats.percentile(c.millis(), 99));
            Results.add(results.throughput, t.getKey(), c.perSecond());
        }
    }

    /**
     * One cold start per runtime on each server: the configuration changes, so no warm environment
     * may serve the next invocation. With stem cells, the invocation waits until a cell of its kind
     * is ready, as a steady load finds one.
     */
    private static void coldStarts(Lamina lamina, Lamina fresh, int round, Results results) throws Exception {
        for (Echoes.Echo e : Echoes.all()) {
            cold(fresh, e.runtimeName(), round, e.runtimeName() + ", started afresh", null, results);
            String kind = switch (e.runtimeName()) {
                case "node" -> "nodejs:" + MEMORY_MB;
                case "python", "java" -> e.runtimeName() + ":" + MEMORY_MB;
                default -> null; // custom runtimes have no stem cells
            };
            if (kind != null) {
                cold(lamina, e.runtimeName(), round, e.runtimeName() + ", from a stem cell", kind, results);
            }
        }
    }

    private static void cold(Lamina server, String function, int round, String series, String cellKind,
                             Results results) throws Exception {
        LambdaClient lambda = server.lambda;
        lambda.updateFunctionConfiguration(b -> b.functionName(function).description("round " + round));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function));
        if (cellKind != null) {
            server.awaitCell(cellKind);
        }
        long start = System.nanoTime();
        InvokeResponse r = lambda.invoke(b -> b.functionName(function).logType(LogType.TAIL).payload(EVENT));
        Results.add(results.coldRoundTrip, series, Latency.millisSince(start));
        Matcher m = INIT.matcher(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8));
        Results.add(results.coldInit, series, m.find() ? Double.parseDouble(m.group(1)) : -1);
    }
}
