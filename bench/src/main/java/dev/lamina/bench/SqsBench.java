package dev.lamina.bench;

import dev.lamina.server.ExecutionConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SQS benchmark (bench/run-sqs). In one run, with the same client (the AWS SDK for Java v2's
 * SqsClient: URL-connection HTTP client, keep-alive, no retries, MD5 checks on), against Lamina's
 * built-in SQS and the peer, ElasticMQ 1.7.1 (in-memory, the SQS server tests commonly use), both
 * in this JVM. Each round, on a fresh queue per server: SendMessage latency from one caller
 * (p50, p99), then N callers each sending, receiving and deleting (throughput of messages through
 * the whole cycle, and SendMessage latency under that load).
 */
public final class SqsBench {
    private static final int WARMUP = 50;

    private SqsBench() {
    }

    /** One SQS server under test: its label and its endpoint. */
    record Target(String label, URI endpoint, String keyId, String secret) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        System.setProperty("http.maxConnections", "64");
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        SQSRestServer elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        // No stem cells: no function runs here, and idle runtimes would only take CPU from the servers.
        try (Lamina lamina = Lamina.start(ExecutionConfig.defaults().withMaxStemCells(0))) {
            int port = elasticMq.waitUntilStarted().localAddress().getPort();
            List<Target> targets = List.of(
                    new Target("Lamina (built-in SQS, durable)", lamina.endpoint(), Lamina.KEYS.accessKeyId(),
                            Lamina.KEYS.secretAccessKey()),
                    new Target("peer: ElasticMQ 1.7.1 (in memory)", URI.create("http://127.0.0.1:" + port), "x", "x"));
            for (int round = 0; round < rounds; round++) {
                System.err.printf("bench: round %d of %d%n", round + 1, rounds);
                for (Target t : targets) {
                    measure(t, round, calls, clients, results.computeIfAbsent(t.label(), k -> new LinkedHashMap<>()));
                }
            }
        } finally {
            elasticMq.stopAndWait();
        }
        print(rounds, calls, clients, results);
    }

    static SqsClient client(Target t) {
        return SqsClient.builder().endpointOverride(t.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(t.keyId(), t.secret())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static void measure(Target t, int round, int calls, int clients, Map<String, List<Double>> series)
            throws Exception {
        try (SqsClient sqs = client(t)) {
            String url = sqs.createQueue(b -> b.queueName("bench-" + round)).queueUrl();
            double[] send = Latency.sequential(WARMUP, calls, () -> sqs.sendMessage(b -> b.queueUrl(url)
                    .messageBody("one caller")));
            add(series, "SendMessage, one caller, p50 (ms)", Stats.percentile(send, 50));
            add(series, "SendMessage, one caller, p99 (ms)", Stats.percentile(send, 99));
            sqs.deleteQueue(b -> b.queueUrl(url));
            String cycleUrl = sqs.createQueue(b -> b.queueName("bench-cycle-" + round)).queueUrl();
            Cycle c = cycle(t, cycleUrl, clients, calls);
            add(series, "Send+Receive+Delete, " + clients + " callers (messages/s)", c.perSecond());
            add(series, "SendMessage, " + clients + " callers, p50 (ms)", Stats.percentile(c.sendMillis(), 50));
            add(series, "SendMessage, " + clients + " callers, p99 (ms)", Stats.percentile(c.sendMillis(), 99));
        }
    }

    /** What the cycle measured: messages through send, receive and delete per second; every send's latency. */
    record Cycle(double perSecond, double[] sendMillis) {
    }

    /**
     * {@code clients} callers, each with its own SDK client, each {@code perClient} times: send one
     * message, receive one (waiting up to a second), delete what it received; then they drain what
     * is left. Over when every message sent was deleted.
     */
    private static Cycle cycle(Target t, String url, int clients, int perClient) throws Exception {
        int total = clients * perClient;
        AtomicInteger deleted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<SqsClient> sdk = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sdk.add(client(t));
            sdk.get(i).getQueueAttributes(b -> b.queueUrl(url)); // connect before the clock starts
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<double[]>> sends = new ArrayList<>();
            for (SqsClient sqs : sdk) {
                sends.add(pool.submit(() -> {
                    go.await();
                    double[] ms = new double[perClient];
                    for (int i = 0; i < perClient; i++) {
                        long start = System.nanoTime();
                        sqs.sendMessage(b -> b.queueUrl(url).messageBody("cycle"));
                        ms[i] = Latency.millisSince(start);
                        receiveAndDelete(sqs, url, 1, deleted);
                    }
                    while (deleted.get() < total) {
                        receiveAndDelete(sqs, url, 10, deleted);
                    }
                    return ms;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            double[] all = new double[total];
            int at = 0;
            for (Future<double[]> f : sends) {
                double[] ms = f.get();
                System.arraycopy(ms, 0, all, at, ms.length);
                at += ms.length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Cycle(total / seconds, all);
        } finally {
            pool.shutdownNow();
            sdk.forEach(SqsClient::close);
        }
    }

    private static void receiveAndDelete(SqsClient sqs, String url, int max, AtomicInteger deleted) {
        for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max).waitTimeSeconds(1))
                .messages()) {
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            deleted.incrementAndGet();
        }
    }

    private static void add(Map<String, List<Double>> series, String name, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static void print(int rounds, int calls, int clients, Map<String, Map<String, List<Double>>> results) {
        System.out.printf(Locale.ROOT, "SQS, %d rounds; %d calls per caller per series; %d callers;"
                + " median of the rounds (min–max)%n%n", rounds, calls, clients);
        List<String> labels = new ArrayList<>(results.keySet());
        System.out.println("| series | " + String.join(" | ", labels) + " | Lamina ÷ peer |");
        System.out.println("|---|" + "---|".repeat(labels.size()) + "---|");
        for (String series : results.get(labels.get(0)).keySet()) {
            StringBuilder row = new StringBuilder("| " + series + " |");
            for (String label : labels) {
                row.append(' ').append(Stats.acrossRounds(results.get(label).get(series),
                        series.endsWith("(ms)") ? "ms" : "")).append(" |");
            }
            double ratio = Report.median(results.get(labels.get(0)).get(series))
                    / Report.median(results.get(labels.get(1)).get(series));
            row.append(String.format(Locale.ROOT, " %.2f |", ratio));
            System.out.println(row);
        }
    }
}
