package dev.lamina.bench;

import dev.lamina.server.ExecutionConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The event source mapping benchmark (bench/run-esm): how long a message takes from its SendMessage
 * (the client's clock just before the call) to the start of the function invocation that holds it
 * (the function's {@code Date.now()} on entry; same machine, same clock), through a mapping on
 * Lamina's built-in SQS (BatchSize 10, no batching window) and a warm Node.js function. Two series
 * per round: messages sent one at a time (each waits for the previous one to reach the function), and
 * bursts of 50 sent back to back (batching and scaling at work). The floor, measured in the same run:
 * the same SendMessage to a second queue on which a plain SDK client already waits in a long poll,
 * until that ReceiveMessage returns — what the queue alone costs, with no poller and no function.
 */
public final class EsmBench {
    private static final String FUNCTION = """
            exports.handler = async (event) => {
              const now = Date.now();
              for (const r of event.Records) { console.log('LAT ' + r.body + ' ' + now); }
              return {};
            };
            """;
    private static final int BURST = 50;

    private EsmBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Map<String, List<Double>> series = new LinkedHashMap<>();
        try (Lamina lamina = Lamina.start(ExecutionConfig.defaults());
             SqsClient sqs = SqsBench.client(new SqsBench.Target("lamina", lamina.endpoint(),
                     Lamina.KEYS.accessKeyId(), Lamina.KEYS.secretAccessKey()));
             CloudWatchLogsClient logs = logs(lamina)) {
            lamina.lambda.createFunction(b -> b.functionName("stamp").runtime("nodejs20.x").handler("index.handler")
                    .timeout(10).role(Echoes.ROLE)
                    .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip(FUNCTION))).build()));
            lamina.lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("stamp"));
            String url = sqs.createQueue(b -> b.queueName("esm-bench")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String uuid = lamina.lambda.createEventSourceMapping(b -> b.functionName("stamp").eventSourceArn(arn)
                    .batchSize(10)).uuid();
            while (!lamina.lambda.getEventSourceMapping(b -> b.uuid(uuid)).state().equals("Enabled")) {
                Thread.sleep(50);
            }
            Map<String, Long> seen = new HashMap<>();
            String floorUrl = sqs.createQueue(b -> b.queueName("esm-bench-floor")).queueUrl();
            sendOneByOne(sqs, url, logs, "warm", 20, seen);
            floor(sqs, floorUrl, 20);
            for (int round = 0; round < rounds; round++) {
                System.err.printf("bench: round %d of %d%n", round + 1, rounds);
                double[] bare = floor(sqs, floorUrl, messages);
                add(series, "floor: send → a waiting long poll returns, p50 (ms)", Stats.percentile(bare, 50));
                add(series, "floor: send → a waiting long poll returns, p99 (ms)", Stats.percentile(bare, 99));
                double[] single = sendOneByOne(sqs, url, logs, "r" + round, messages, seen);
                add(series, "one at a time, p50 (ms)", Stats.percentile(single, 50));
                add(series, "one at a time, p99 (ms)", Stats.percentile(single, 99));
                double[] bursts = sendBursts(sqs, url, logs, "b" + round, messages, seen);
                add(series, "bursts of " + BURST + ", p50 (ms)", Stats.percentile(bursts, 50));
                add(series, "bursts of " + BURST + ", p99 (ms)", Stats.percentile(bursts, 99));
            }
        }
        System.out.printf(Locale.ROOT, "%n### Event source mapping: SendMessage → function start (%d rounds, %d messages"
                + " per series)%n%n| series | median across rounds (min–max) |%n|---|---|%n", rounds, messages);
        series.forEach((name, values) -> System.out.printf(Locale.ROOT, "| %s | %s |%n", name,
                Stats.acrossRounds(values, "ms")));
    }

    /**
     * The floor: for each message, a ReceiveMessage long poll is already waiting (on another thread,
     * given 20 ms to arrive) when SendMessage is called; the latency is from just before the send to
     * the receive's return, the same clocks as the mapping's series but without poller or function.
     */
    private static double[] floor(SqsClient sqs, String url, int n) throws Exception {
        double[] out = new double[n];
        try (var receiver = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            for (int i = 0; i < n; i++) {
                var received = receiver.submit(() -> {
                    var messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
                    long at = System.currentTimeMillis();
                    messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
                    return at;
                });
                Thread.sleep(20);
                long sent = System.currentTimeMillis();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("floor"));
                out[i] = received.get(30, java.util.concurrent.TimeUnit.SECONDS) - sent;
            }
        }
        return out;
    }

    /** Each message sent once the previous one reached the function. */
    private static double[] sendOneByOne(SqsClient sqs, String url, CloudWatchLogsClient logs, String tag, int n,
                                         Map<String, Long> seen) throws InterruptedException {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            String id = tag + "-" + i;
            long sent = System.currentTimeMillis();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(id + " " + sent));
            out[i] = await(logs, List.of(id), seen).getFirst();
        }
        return out;
    }

    /** Bursts of messages sent back to back; each burst waits for the previous one to be seen. */
    private static double[] sendBursts(SqsClient sqs, String url, CloudWatchLogsClient logs, String tag, int n,
                                       Map<String, Long> seen) throws InterruptedException {
        List<Double> out = new ArrayList<>();
        for (int start = 0; start < n; start += BURST) {
            List<String> ids = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + BURST); i++) {
                String id = tag + "-" + i;
                long sent = System.currentTimeMillis();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(id + " " + sent));
                ids.add(id);
            }
            out.addAll(await(logs, ids, seen));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The latency of each id, once the function logged them all (a minute at most). */
    private static List<Double> await(CloudWatchLogsClient logs, List<String> ids, Map<String, Long> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!seen.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("messages did not reach the function within a minute: " + ids);
            }
            Thread.sleep(50); // the latency is read from the log lines, not from when they are found
            read(logs, seen);
        }
        return ids.stream().map(id -> (double) seen.get(id)).toList();
    }

    /** Where the next read starts (epoch ms): lines before it were read already. */
    private static long since;

    /** Reads every new "LAT <id> <sent> <started>" line into {@code seen} (id → started − sent). */
    private static void read(CloudWatchLogsClient logs, Map<String, Long> seen) {
        long from = since;
        since = System.currentTimeMillis() - 5000; // lines are written within the invocation; 5 s of margin
        try {
            logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/stamp").filterPattern("LAT").startTime(from))
                    .forEach(page -> page.events().forEach(e -> {
                        String line = e.message();
                        int at = line.indexOf("LAT ");
                        if (at < 0) {
                            return;
                        }
                        String[] parts = line.substring(at + 4).trim().split(" ");
                        seen.putIfAbsent(parts[0], Long.parseLong(parts[2]) - Long.parseLong(parts[1]));
                    }));
        } catch (ResourceNotFoundException noLogsYet) {
            // the function has not run yet
        }
    }

    private static CloudWatchLogsClient logs(Lamina lamina) {
        return CloudWatchLogsClient.builder().endpointOverride(lamina.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Lamina.KEYS.accessKeyId(), Lamina.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static void add(Map<String, List<Double>> series, String name, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static byte[] zip(String indexJs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.js"));
            zip.write(indexJs.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
