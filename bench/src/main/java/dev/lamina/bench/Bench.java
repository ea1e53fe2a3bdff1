package dev.lamina.bench;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.LaminaServer;
import dev.lamina.server.Main;
import dev.lamina.server.RootCredentials;
import dev.lamina.server.ServerConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Measures a Lamina server started in this JVM: the round trip of warm invokes per runtime (p50, p99)
 * against two baselines of the same run (a signed control-plane call and an unsigned /health), and
 * cold starts per runtime (client round trip and the REPORT line's Init Duration). Prints Markdown.
 */
public final class Bench {
    private static final RootCredentials.Keys KEYS = new RootCredentials.Keys("LKIABENCHBENCHBENCH0", "bench-secret");
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
    /** One full vCPU, as Lambda gives 1769 MB: the measurement is of Lamina, not of a CPU quota. */
    private static final int MEMORY_MB = 1769;

    record Runtime(String name, String runtime, String handler, byte[] zip) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path data = Files.createTempDirectory(Path.of("/tmp"), "lamina-bench-");
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        try (LaminaServer server = Main.start(ServerConfig.local(data, KEYS,
                ExecutionConfig.defaults().withKeepAlive(Duration.ofMinutes(10))));
             LambdaClient lambda = client(server)) {
            List<Runtime> runtimes = List.of(
                    new Runtime("node", "nodejs20.x", "index.handler", zip(Map.of("index.js",
                            "exports.handler = async (e) => e;".getBytes()), 0644)),
                    new Runtime("python", "python3.12", "app.handler", zip(Map.of("app.py",
                            "def handler(e, c):\n    return e\n".getBytes()), 0644)),
                    new Runtime("java", "java21", "dev.lamina.bench.JavaEcho", zip(Map.of(
                            "dev/lamina/bench/JavaEcho.class", resource("dev/lamina/bench/JavaEcho.class")), 0644)),
                    new Runtime("provided", "provided.al2023", "unused", zip(Map.of("bootstrap", resource(
                            "bench/bootstrap")), 0755)));
            for (Runtime r : runtimes) {
                lambda.createFunction(b -> b.functionName(r.name()).runtime(r.runtime()).handler(r.handler())
                        .memorySize(MEMORY_MB).role("arn:aws:iam::000000000000:role/bench")
                        .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(r.zip())).build()));
                lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(r.name()));
            }
            HttpClient http = HttpClient.newHttpClient();
            Map<String, List<Double>> p50 = new LinkedHashMap<>();
            Map<String, List<Double>> p99 = new LinkedHashMap<>();
            Map<String, List<Double>> coldRoundTrip = new LinkedHashMap<>();
            Map<String, List<Double>> coldInit = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                record("health", p50, p99, measure(warm, () -> http.send(HttpRequest.newBuilder(
                        server.endpoint().resolve("/health")).build(), HttpResponse.BodyHandlers.discarding())));
                record("control", p50, p99, measure(warm, () -> lambda.getFunctionConfiguration(b -> b.functionName("node"))));
                for (Runtime r : runtimes) {
                    int n = round;
                    lambda.updateFunctionConfiguration(b -> b.functionName(r.name()).description("round " + n));
                    lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(r.name()));
                    long start = System.nanoTime();
                    InvokeResponse cold = lambda.invoke(b -> b.functionName(r.name()).logType(LogType.TAIL)
                            .payload(SdkBytes.fromUtf8String("{\"bench\":true}")));
                    coldRoundTrip.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(millisSince(start));
                    Matcher m = INIT.matcher(new String(Base64.getDecoder().decode(cold.logResult()), StandardCharsets.UTF_8));
                    coldInit.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(m.find() ? Double.parseDouble(m.group(1)) : -1);
                    SdkBytes payload = SdkBytes.fromUtf8String("{\"bench\":true}");
                    record(r.name(), p50, p99, measure(warm, () -> lambda.invoke(b -> b.functionName(r.name()).payload(payload))));
                }
            }
            report(rounds, warm, p50, p99, coldRoundTrip, coldInit);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double[] measure(int count, Call call) throws Exception {
        for (int i = 0; i < Math.min(20, count); i++) {
            call.run(); // warm the JIT and the connection
        }
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            call.run();
            ms[i] = millisSince(start);
        }
        return ms;
    }

    private static void record(String name, Map<String, List<Double>> p50, Map<String, List<Double>> p99, double[] ms) {
        p50.computeIfAbsent(name, k -> new ArrayList<>()).add(Stats.percentile(ms, 50));
        p99.computeIfAbsent(name, k -> new ArrayList<>()).add(Stats.percentile(ms, 99));
    }

    private static void report(int rounds, int warm, Map<String, List<Double>> p50, Map<String, List<Double>> p99,
                               Map<String, List<Double>> coldRoundTrip, Map<String, List<Double>> coldInit) {
        double base = median(p50.get("control"));
        System.out.printf("%n%d rounds; %d sequential calls per series per round; median of the rounds (min–max).%n%n",
                rounds, warm);
        System.out.println("| series | p50 | p99 | p50 ÷ control-plane call |");
        System.out.println("|---|---|---|---|");
        for (String name : p50.keySet()) {
            System.out.printf("| %s | %s | %s | %.2f |%n", label(name), Stats.acrossRounds(p50.get(name), "ms"),
                    Stats.acrossRounds(p99.get(name), "ms"), median(p50.get(name)) / base);
        }
        System.out.println();
        System.out.println("| runtime | cold invoke, client round trip | Init Duration (REPORT) |");
        System.out.println("|---|---|---|");
        for (String name : coldRoundTrip.keySet()) {
            System.out.printf("| %s | %s | %s |%n", name, Stats.acrossRounds(coldRoundTrip.get(name), "ms"),
                    Stats.acrossRounds(coldInit.get(name), "ms"));
        }
    }

    private static String label(String name) {
        return switch (name) {
            case "health" -> "GET /health (unsigned, no work)";
            case "control" -> "GetFunctionConfiguration (signed, one store read)";
            default -> "warm Invoke, " + name + " echo";
        };
    }

    private static double median(List<Double> values) {
        return Stats.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }

    private static LambdaClient client(LaminaServer server) {
        return LambdaClient.builder().endpointOverride(server.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(KEYS.accessKeyId(), KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Bench.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing " + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] zip(Map<String, byte[]> files, int mode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                var entry = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(f.getKey());
                entry.setUnixMode(0100000 | mode);
                zip.putArchiveEntry(entry);
                zip.write(f.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
