package dev.lamina.bench;

import dev.lamina.server.ExecutionConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Step Functions benchmark (bench/run-workflows). In one run, over rounds: state transitions per
 * second of a chain of Pass states, EXPRESS through StartSyncExecution from one caller and from N, and
 * STANDARD with many executions running at once (each transition durable; the journal commits many
 * executions' transitions with one fsync); a Map of 1,000 items (one Pass state each), EXPRESS and
 * STANDARD; and StartExecution → the handler's first line of the Lambda function its first Task calls.
 * Beside each, its floor from the same run: StartSyncExecution of a single Pass state (what a call
 * costs without the chain), SQLite commits per second on the same disk with one fsync each (what
 * STANDARD would reach with one fsync per transition), and a direct Invoke of the same function.
 */
public final class WorkflowsBench {
    private WorkflowsBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int chain = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int standard = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int callers = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        System.setProperty("http.maxConnections", "64");
        Map<String, List<Double>> series = new LinkedHashMap<>();
        ExecutionConfig execution = ExecutionConfig.defaults().withKeepAlive(Duration.ofMinutes(30))
                .withLearnedKeepAlive(false);
        try (Lamina lamina = Lamina.start(execution); SfnClient sfn = sfn(lamina)) {
            WorkflowsSeries bench = new WorkflowsSeries(lamina, sfn, chain, callers, series);
            bench.deploy();
            for (int round = 0; round < rounds; round++) {
                System.err.printf("bench: round %d of %d%n", round + 1, rounds);
                bench.express(round);
                bench.standard(round, standard);
                bench.fsyncFloor(round);
                bench.maps(round);
                bench.starts(round);
            }
        }
        print(rounds, chain, standard, callers, series);
    }

    /** The SDK's client; StartSyncExecution's "sync-" host prefix is off, as for any local endpoint. */
    static SfnClient sfn(Lamina lamina) {
        return SfnClient.builder().endpointOverride(lamina.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Lamina.KEYS.accessKeyId(), Lamina.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1))
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    private static void print(int rounds, int chain, int standard, int callers, Map<String, List<Double>> series) {
        System.out.printf(Locale.ROOT, "Step Functions, %d rounds; a chain of %d Pass states; %d STANDARD executions"
                + " at once; %d callers; median of the rounds (min–max)%n%n", rounds, chain, standard, callers);
        System.out.println("| Series | Result |");
        System.out.println("|---|---|");
        for (var s : series.entrySet()) {
            System.out.printf("| %s | %s |%n", s.getKey(),
                    Stats.acrossRounds(s.getValue(), s.getKey().endsWith("(ms)") ? "ms" : ""));
        }
        System.out.println();
        List<Double> std = series.get(WorkflowsSeries.STANDARD_RATE);
        List<Double> fsync = series.get(WorkflowsSeries.FSYNC_RATE);
        if (std != null && fsync != null) {
            System.out.printf(Locale.ROOT, "STANDARD transitions/s against the ceiling of one fsync per transition"
                    + " (SQLite commits/s): %.1fx%n", Report.median(std) / Report.median(fsync));
        }
        List<Double> express = series.get(WorkflowsSeries.EXPRESS_RATE);
        if (express != null) {
            System.out.printf(Locale.ROOT, "EXPRESS goal (10,000 transitions/s): %s%n",
                    Report.median(express) >= 10_000 ? "met" : "missed");
        }
    }

    static void add(Map<String, List<Double>> series, String name, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
}
