package dev.lamina.bench;

import dev.lamina.server.ExecutionConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The EventBridge benchmark (bench/run-events). In one run, over rounds: PutEvents throughput and
 * latency on a bus with one rule and on a bus with 1,000 rules (every event matches exactly one rule
 * with the same SQS target on both, so the work differs only in matching), with one caller and with
 * N callers sending 10-entry batches; beside them the floor, SQS SendMessage / SendMessageBatch to
 * Lamina's own durable queues; and PutEvents → Lambda start latency (a rule whose target is a
 * Node.js function: from sending PutEvents to the handler's first line), beside an Event Invoke of
 * the same function (the asynchronous path without EventBridge).
 */
public final class EventsBench {
    private static final int RULES = 1000;
    private static final int WARMUP = 50;
    private static final int STARTS = 40;

    private EventsBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        System.setProperty("http.maxConnections", "64");
        Map<String, List<Double>> series = new LinkedHashMap<>();
        ExecutionConfig execution = ExecutionConfig.defaults().withKeepAlive(Duration.ofMinutes(30))
                .withLearnedKeepAlive(false);
        try (Lamina lamina = Lamina.start(execution);
             EventBridgeClient events = events(lamina);
             SqsClient sqs = SqsBench.client(new SqsBench.Target("lamina", lamina.endpoint(),
                     Lamina.KEYS.accessKeyId(), Lamina.KEYS.secretAccessKey()))) {
            String sink = sqs.createQueue(b -> b.queueName("bench-sink")).queueUrl();
            String sinkArn = "arn:aws:sqs:us-east-1:000000000000:bench-sink";
            rules(events, "one-rule", 1, sinkArn);
            rules(events, "thousand-rules", RULES, sinkArn);
            Echoes.deploy(lamina.lambda, "started", Echoes.nodeStamped(), Bench.MEMORY_MB);
            events.putRule(b -> b.name("to-lambda").eventPattern("{\"source\": [\"bench.lambda\"]}"));
            lamina.lambda.addPermission(b -> b.functionName("started").statementId("events")
                    .action("lambda:InvokeFunction").principal("events.amazonaws.com")
                    .sourceArn("arn:aws:events:us-east-1:000000000000:rule/to-lambda"));
            events.putTargets(b -> b.rule("to-lambda").targets(t -> t.id("f").inputPath("$.detail")
                    .arn("arn:aws:lambda:us-east-1:000000000000:function:started")));
            for (int round = 0; round < rounds; round++) {
                System.err.printf("bench: round %d of %d%n", round + 1, rounds);
                for (String bus : List.of("one-rule", "thousand-rules")) {
                    String label = bus.equals("one-rule") ? "1 rule" : RULES + " rules";
                    putEvents(lamina, bus, label, calls, callers, series);
                }
                floor(lamina, sink, calls, callers, series);
                starts(lamina, events, round, series);
            }
        }
        print(rounds, calls, callers, series);
    }

    static EventBridgeClient events(Lamina lamina) {
        return EventBridgeClient.builder().endpointOverride(lamina.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Lamina.KEYS.accessKeyId(), Lamina.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** A bus with {@code n} rules on distinct detail values; only rule 0 ({@code "k": "v0"}) matches the events sent. */
    private static void rules(EventBridgeClient events, String bus, int n, String sinkArn) {
        events.createEventBus(b -> b.name(bus));
        for (int i = 0; i < n; i++) {
            String name = "r" + i;
            String pattern = "{\"source\": [\"bench\"], \"detail\": {\"k\": [\"v" + i + "\"], \"n\": [{\"numeric\": [\">=\", "
                    + i + "]}]}}";
            events.putRule(b -> b.name(name).eventBusName(bus).eventPattern(pattern));
            if (i == 0) {
                events.putTargets(b -> b.rule(name).eventBusName(bus).targets(t -> t.id("sink").arn(sinkArn)));
            }
        }
    }

    private static PutEventsRequestEntry entry(String bus, int n) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source("bench").detailType("bench")
                .detail("{\"k\": \"v0\", \"n\": " + n + ", \"pad\": \"" + "x".repeat(200) + "\"}").build();
    }

    private static void accepted(PutEventsResponse r) {
        if (r.failedEntryCount() > 0) {
            throw new IllegalStateException("PutEvents refused entries: " + r.entries());
        }
    }

    private static void putEvents(Lamina lamina, String bus, String label, int calls, int callers,
                                  Map<String, List<Double>> series) throws Exception {
        AtomicInteger n = new AtomicInteger(1000);
        try (EventBridgeClient one = events(lamina)) {
            double[] ms = Latency.sequential(WARMUP, calls, () -> accepted(one.putEvents(b -> b.entries(entry(bus,
                    n.incrementAndGet())))));
            add(series, label + ": PutEvents 1 entry, one caller, p50 (ms)", Stats.percentile(ms, 50));
            add(series, label + ": PutEvents 1 entry, one caller, p99 (ms)", Stats.percentile(ms, 99));
            add(series, label + ": PutEvents 1 entry, one caller (entries/s)", calls / (sum(ms) / 1000));
        }
        List<EventBridgeClient> clients = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            clients.add(events(lamina));
        }
        try {
            AtomicInteger next = new AtomicInteger();
            ThreadLocal<EventBridgeClient> mine = ThreadLocal.withInitial(() -> clients.get(next.getAndIncrement()));
            Latency.Concurrent batch = Latency.concurrent(callers, 10, calls / 5, () -> {
                List<PutEventsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(entry(bus, n.incrementAndGet()));
                }
                accepted(mine.get().putEvents(b -> b.entries(entries)));
            });
            add(series, label + ": PutEvents 10 entries, " + callers + " callers (entries/s)", batch.perSecond() * 10);
            add(series, label + ": PutEvents 10 entries, " + callers + " callers, p50 (ms)",
                    Stats.percentile(batch.millis(), 50));
        } finally {
            clients.forEach(EventBridgeClient::close);
        }
    }

    /** The durable-write floor: SendMessage and SendMessageBatch (10) to Lamina's own SQS, same callers. */
    private static void floor(Lamina lamina, String url, int calls, int callers, Map<String, List<Double>> series)
            throws Exception {
        SqsBench.Target target = new SqsBench.Target("lamina", lamina.endpoint(), Lamina.KEYS.accessKeyId(),
                Lamina.KEYS.secretAccessKey());
        String body = "{\"k\": \"v0\", \"pad\": \"" + "x".repeat(200) + "\"}";
        try (SqsClient one = SqsBench.client(target)) {
            double[] ms = Latency.sequential(WARMUP, calls, () -> one.sendMessage(b -> b.queueUrl(url).messageBody(body)));
            add(series, "floor: SQS SendMessage, one caller, p50 (ms)", Stats.percentile(ms, 50));
            add(series, "floor: SQS SendMessage, one caller, p99 (ms)", Stats.percentile(ms, 99));
            add(series, "floor: SQS SendMessage, one caller (messages/s)", calls / (sum(ms) / 1000));
        }
        List<SqsClient> clients = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            clients.add(SqsBench.client(target));
        }
        try {
            AtomicInteger next = new AtomicInteger();
            ThreadLocal<SqsClient> mine = ThreadLocal.withInitial(() -> clients.get(next.getAndIncrement()));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(body).build());
            }
            Latency.Concurrent batch = Latency.concurrent(callers, 10, calls / 5,
                    () -> mine.get().sendMessageBatch(b -> b.queueUrl(url).entries(entries)));
            add(series, "floor: SQS SendMessageBatch 10, " + callers + " callers (messages/s)", batch.perSecond() * 10);
            add(series, "floor: SQS SendMessageBatch 10, " + callers + " callers, p50 (ms)",
                    Stats.percentile(batch.millis(), 50));
        } finally {
            clients.forEach(SqsClient::close);
        }
    }

    /**
     * One at a time, to an idle warm environment: PutEvents → the handler's first line; and, beside
     * it, Invoke with InvocationType Event → the handler's first line.
     */
    private static void starts(Lamina lamina, EventBridgeClient events, int round, Map<String, List<Double>> series)
            throws Exception {
        Path group = lamina.dataDir.resolve("logs");
        double[] viaEvents = new double[STARTS];
        double[] viaInvoke = new double[STARTS];
        for (int i = -5; i < STARTS; i++) {
            String id = "e-" + round + "-" + i;
            double sent = HandlerStarts.nowMillis();
            accepted(events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source("bench.lambda")
                    .detailType("start").detail("{\"id\": \"" + id + "\"}").build())));
            double started = HandlerStarts.await(group, id);
            HandlerStarts.awaitDrained(lamina);
            String invokeId = "i-" + round + "-" + i;
            double sentInvoke = HandlerStarts.nowMillis();
            lamina.lambda.invoke(b -> b.functionName("started").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"id\": \"" + invokeId + "\"}")));
            double startedInvoke = HandlerStarts.await(group, invokeId);
            HandlerStarts.awaitDrained(lamina);
            if (i >= 0) {
                viaEvents[i] = started - sent;
                viaInvoke[i] = startedInvoke - sentInvoke;
            }
        }
        add(series, "PutEvents → Lambda handler start, p50 (ms)", Stats.percentile(viaEvents, 50));
        add(series, "PutEvents → Lambda handler start, p99 (ms)", Stats.percentile(viaEvents, 99));
        add(series, "peer: Event Invoke → handler start, p50 (ms)", Stats.percentile(viaInvoke, 50));
        add(series, "peer: Event Invoke → handler start, p99 (ms)", Stats.percentile(viaInvoke, 99));
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static void add(Map<String, List<Double>> series, String name, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static void print(int rounds, int calls, int callers, Map<String, List<Double>> series) {
        System.out.printf(Locale.ROOT, "EventBridge, %d rounds; %d calls per caller per series; %d callers;"
                + " median of the rounds (min–max)%n%n", rounds, calls, callers);
        System.out.println("| Series | Result |");
        System.out.println("|---|---|");
        for (var s : series.entrySet()) {
            System.out.printf("| %s | %s |%n", s.getKey(),
                    Stats.acrossRounds(s.getValue(), s.getKey().endsWith("(ms)") ? "ms" : ""));
        }
        System.out.println();
        String one = "1 rule: PutEvents 10 entries, " + callers + " callers (entries/s)";
        String many = RULES + " rules: PutEvents 10 entries, " + callers + " callers (entries/s)";
        System.out.printf(Locale.ROOT, "%d rules against 1 rule, batched throughput: %.2fx%n", RULES,
                Report.median(series.get(many)) / Report.median(series.get(one)));
        String single1 = "1 rule: PutEvents 1 entry, one caller, p50 (ms)";
        String singleN = RULES + " rules: PutEvents 1 entry, one caller, p50 (ms)";
        System.out.printf(Locale.ROOT, "%d rules against 1 rule, one-caller p50: %.2fx%n", RULES,
                Report.median(series.get(singleN)) / Report.median(series.get(single1)));
    }
}
