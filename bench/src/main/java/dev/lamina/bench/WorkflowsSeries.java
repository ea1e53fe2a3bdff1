package dev.lamina.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The series of {@link WorkflowsBench}, each adding one value per round. */
final class WorkflowsSeries {
    static final String EXPRESS_RATE = "EXPRESS Pass chain, StartSyncExecution, N callers (transitions/s)";
    static final String STANDARD_RATE = "STANDARD Pass chain, executions at once (transitions/s)";
    static final String FSYNC_RATE = "floor: SQLite WAL commits, one fsync each, same disk (commits/s)";
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";
    private static final int ITEMS = 1000;
    private static final int STARTS = 20;

    private final Lamina lamina;
    private final SfnClient sfn;
    private final int chain;
    private final int callers;
    private final Map<String, List<Double>> series;
    private String expressChain;
    private String expressOne;
    private String standardChain;
    private String expressMap;
    private String standardMap;
    private String invoker;

    WorkflowsSeries(Lamina lamina, SfnClient sfn, int chain, int callers, Map<String, List<Double>> series) {
        this.lamina = lamina;
        this.sfn = sfn;
        this.chain = chain;
        this.callers = callers;
        this.series = series;
    }

    void deploy() throws Exception {
        Echoes.deploy(lamina.lambda, "started", Echoes.nodeStamped(), Bench.MEMORY_MB);
        expressChain = machine("express-chain", StateMachineType.EXPRESS, chain(chain));
        expressOne = machine("express-one", StateMachineType.EXPRESS, chain(1));
        standardChain = machine("standard-chain", StateMachineType.STANDARD, chain(chain));
        String map = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
                + "\"ItemProcessor\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}},"
                + "\"ResultPath\":null,\"End\":true}}}";
        expressMap = machine("express-map", StateMachineType.EXPRESS, map);
        standardMap = machine("standard-map", StateMachineType.STANDARD, map);
        invoker = machine("invoker", StateMachineType.STANDARD, "{\"StartAt\":\"Call\",\"States\":{\"Call\":{"
                + "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{"
                + "\"FunctionName\":\"started\",\"Payload\":{\"id.$\":\"$.id\"}},\"End\":true}}}");
    }

    private String machine(String name, StateMachineType type, String definition) {
        return sfn.createStateMachine(b -> b.name(name).type(type).roleArn(ROLE).definition(definition))
                .stateMachineArn();
    }

    /** Pass states S0 → S1 → … → S(n-1), each adding nothing: the interpreter's own cost per transition. */
    private static String chain(int n) {
        String states = IntStream.range(0, n).mapToObj(i -> "\"S" + i + "\":{\"Type\":\"Pass\","
                + (i == n - 1 ? "\"End\":true" : "\"Next\":\"S" + (i + 1) + "\"") + "}").collect(Collectors.joining(","));
        return "{\"StartAt\":\"S0\",\"States\":{" + states + "}}";
    }

    private void sync(String machine, String input) {
        StartSyncExecutionResponse r = sfn.startSyncExecution(b -> b.stateMachineArn(machine).input(input));
        if (r.status() != SyncExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("the execution did not succeed: " + r);
        }
    }

    void express(int round) throws Exception {
        double[] one = Latency.sequential(10, 100, () -> sync(expressChain, "{\"n\":1}"));
        add("EXPRESS Pass chain, StartSyncExecution, one caller (transitions/s)", 100.0 * chain / (sum(one) / 1000));
        add("EXPRESS Pass chain, StartSyncExecution, one caller, p50 (ms)", Stats.percentile(one, 50));
        Latency.Concurrent many = Latency.concurrent(callers, 5, 50, () -> sync(expressChain, "{\"n\":1}"));
        add(EXPRESS_RATE, many.perSecond() * chain);
        Latency.Concurrent floor = Latency.concurrent(callers, 5, 50, () -> sync(expressOne, "{\"n\":1}"));
        add("floor: StartSyncExecution of one Pass state, N callers (executions/s)", floor.perSecond());
        add("floor: StartSyncExecution of one Pass state, N callers, p50 (ms)", Stats.percentile(floor.millis(), 50));
    }

    /** {@code executions} STANDARD executions of the chain started at once; server times from first start to last stop. */
    void standard(int round, int executions) throws Exception {
        List<String> arns = Collections.synchronizedList(new ArrayList<>());
        double[] startMs = new double[executions];
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < executions; i++) {
                int n = i;
                starts.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    arns.add(sfn.startExecution(b -> b.stateMachineArn(standardChain).name("r" + round + "-" + n)
                            .input("{\"n\":" + n + "}")).executionArn());
                    startMs[n] = Latency.millisSince(t);
                    return null;
                }));
            }
            for (Future<?> f : starts) {
                f.get();
            }
        }
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        for (String arn : arns) {
            DescribeExecutionResponse r = finished(arn);
            first = r.startDate().isBefore(first) ? r.startDate() : first;
            last = r.stopDate().isAfter(last) ? r.stopDate() : last;
        }
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        add(STANDARD_RATE, (double) executions * chain / seconds);
        add("STANDARD StartExecution (durable), N callers, p50 (ms)", Stats.percentile(startMs, 50));
    }

    /** Polls until the execution is no longer RUNNING; fails unless it SUCCEEDED. */
    private DescribeExecutionResponse finished(String arn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            DescribeExecutionResponse r = sfn.describeExecution(b -> b.executionArn(arn));
            if (r.status() == ExecutionStatus.SUCCEEDED) {
                return r;
            }
            if (r.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                throw new IllegalStateException("execution " + arn + " ended " + r.status() + ": " + r);
            }
            Thread.sleep(20);
        }
    }

    /** SQLite in WAL with synchronous=FULL on the data directory's disk: one row, one commit, one fsync. */
    void fsyncFloor(int round) throws Exception {
        Path file = lamina.dataDir.resolve("fsync-floor-" + round + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            c.setAutoCommit(false);
            int commits = 300;
            long start = System.nanoTime();
            for (int i = 0; i < commits; i++) {
                st.executeUpdate("INSERT INTO t (v) VALUES ('" + "x".repeat(200) + "')");
                c.commit();
            }
            add(FSYNC_RATE, commits / ((System.nanoTime() - start) / 1e9));
        }
    }

    /** A Map over 1,000 items (one Pass state each), EXPRESS (sync) and STANDARD. */
    void maps(int round) throws Exception {
        String input = "{\"items\":[" + IntStream.range(0, ITEMS).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")) + "]}";
        sync(expressMap, input); // warm
        long t = System.nanoTime();
        sync(expressMap, input);
        double ms = Latency.millisSince(t);
        add("EXPRESS Map of 1,000 items, StartSyncExecution (ms)", ms);
        add("EXPRESS Map of 1,000 items (iterations/s)", ITEMS / (ms / 1000));
        String arn = sfn.startExecution(b -> b.stateMachineArn(standardMap).name("map-" + round).input(input))
                .executionArn();
        DescribeExecutionResponse r = finished(arn);
        double stdMs = Duration.between(r.startDate(), r.stopDate()).toNanos() / 1e6;
        add("STANDARD Map of 1,000 items, start to stop (ms)", stdMs);
        add("STANDARD Map of 1,000 items (iterations/s)", ITEMS / (stdMs / 1000));
    }

    /**
     * One at a time, the function warm and idle: StartExecution → the handler's first line (its own
     * clock, from its log); beside it, a direct synchronous Invoke of the same function.
     */
    void starts(int round) throws Exception {
        Path group = lamina.dataDir.resolve("logs");
        double[] viaSfn = new double[STARTS];
        double[] viaInvoke = new double[STARTS];
        for (int i = -3; i < STARTS; i++) {
            String id = "s-" + round + "-" + i;
            double sent = HandlerStarts.nowMillis();
            String arn = sfn.startExecution(b -> b.stateMachineArn(invoker).name(id).input("{\"id\":\"" + id + "\"}"))
                    .executionArn();
            double started = HandlerStarts.await(group, id);
            finished(arn);
            String invokeId = "i-" + round + "-" + i;
            double sentInvoke = HandlerStarts.nowMillis();
            lamina.lambda.invoke(b -> b.functionName("started")
                    .payload(SdkBytes.fromUtf8String("{\"id\": \"" + invokeId + "\"}")));
            double startedInvoke = HandlerStarts.await(group, invokeId);
            if (i >= 0) {
                viaSfn[i] = started - sent;
                viaInvoke[i] = startedInvoke - sentInvoke;
            }
        }
        add("StartExecution → Lambda handler start (Node.js, warm), p50 (ms)", Stats.percentile(viaSfn, 50));
        add("StartExecution → Lambda handler start, p99 (ms)", Stats.percentile(viaSfn, 99));
        add("floor: Invoke → handler start, same function, p50 (ms)", Stats.percentile(viaInvoke, 50));
        add("floor: Invoke → handler start, p99 (ms)", Stats.percentile(viaInvoke, 99));
    }

    private void add(String name, double value) {
        WorkflowsBench.add(series, name, value);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
