package dev.lamina.cli;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.RuntimeId;
import dev.lamina.server.AsyncConfig;
import dev.lamina.server.MetricsConfig;
import dev.lamina.server.LogsConfig;
import dev.lamina.server.SecurityConfig;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.LaminaServer;
import dev.lamina.server.Main;
import dev.lamina.server.MasterKey;
import dev.lamina.server.RootCredentials;
import dev.lamina.server.ServerConfig;
import dev.lamina.server.TracesConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lamina serve}: runs a server in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the Lamina server in the foreground.%n"
                + "Each option can also be set with the environment variable LAMINA_<OPTION> (e.g. LAMINA_PORT)"
                + " or in the --config file (e.g. port=9070); the flag wins, then the environment, then the file.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", description = "Address to listen on (default " + ServerConfig.DEFAULT_BIND + ").")
    String bind;

    @Option(names = "--data-dir", description = "Where Lamina keeps its state (default ~/.lamina).")
    Path dataDir;

    @Option(names = "--region", description = "The AWS region Lamina answers as (default " + ServerConfig.DEFAULT_REGION + ").")
    String region;

    @Option(names = "--account-id", description = "The AWS account id Lamina answers as (default "
            + ServerConfig.DEFAULT_ACCOUNT + ").")
    String accountId;

    @Option(names = "--config", description = "A properties file of settings (or LAMINA_CONFIG).")
    Path config;

    @Option(names = "--keep-alive", description = "How long an idle execution environment is kept for reuse, "
            + "e.g. 300s or 5m (default 5m).")
    String keepAlive;

    @Option(names = "--keep-alive-policy", description = "learned (the default: each function's idle environments "
            + "are kept for what its inter-arrival times call for, at most --keep-alive) or fixed (always --keep-alive).")
    String keepAlivePolicy;

    @Option(names = "--sandbox", description = "auto (bubblewrap where it works) or plain (ordinary processes, no "
            + "isolation); default auto.")
    String sandbox;

    @Option(names = "--runtime", description = "The host program of a runtime family, repeatable: "
            + "nodejs=/path/to/node, python=/path/to/python3, java=/path/to/jdk-home. "
            + "Environment: LAMINA_RUNTIME_NODEJS, LAMINA_RUNTIME_PYTHON, LAMINA_RUNTIME_JAVA.")
    Map<String, Path> runtimes;

    @Option(names = "--concurrency-limit", description = "The account's limit on concurrent executions "
            + "(default 1000, as on AWS).")
    Integer concurrencyLimit;

    @Option(names = "--memory-budget", description = "The memory all execution environments together may be given, "
            + "e.g. 16g or 8192m (default: three quarters of the host's memory).")
    String memoryBudget;

    @Option(names = "--prewarm", description = "Stem cells to keep booted from the start, as family:memory pairs "
            + "(nodejs, python, java), e.g. nodejs:128,python:128,java:512; 'none' for none "
            + "(default nodejs:128,python:128). More follow demand.")
    String prewarm;

    @Option(names = "--stem-cells", description = "The most stem cells (booted runtimes waiting for a function) "
            + "kept at once, across kinds (default 8); 0 turns them off.")
    Integer stemCells;

    @Option(names = "--sqs-endpoint", description = "An external SQS-compatible server that asynchronous invocations' "
            + "destinations and dead-letter queues are sent to instead of Lamina's built-in queues, "
            + "e.g. http://localhost:9324 (ElasticMQ).")
    String sqsEndpoint;

    @Option(names = "--kinesis-endpoint", description = "The Kinesis-compatible server (or Kinesis itself) that "
            + "Kinesis event source mappings read, e.g. http://localhost:4568 (kinesis-mock); without it such "
            + "mappings cannot be created.")
    String kinesisEndpoint;

    @Option(names = "--async-payload-limit", description = "The largest asynchronous event accepted: 1m (the default, "
            + "as on AWS) down to 256k (AWS's classic limit) or less.")
    String asyncPayloadLimit;

    @Option(names = "--async-time-scale", description = "What every asynchronous retry wait and event age is "
            + "multiplied by (default 1); tests use e.g. 0.01 to run Lambda's schedule in seconds.")
    String asyncTimeScale;

    @Option(names = "--role-session-duration", description = "How long the execution-role credentials each "
            + "environment receives are valid (default 6h, 10s to 12h); environments are retired before they expire.")
    String roleSessionDuration;

    @Option(names = "--otlp-endpoint", description = "The OpenTelemetry collector that invocation spans are exported to "
            + "over OTLP/HTTP, e.g. http://localhost:4318 (spans go to its /v1/traces); else OTEL_EXPORTER_OTLP_ENDPOINT; "
            + "default none: no spans are made.")
    String otlpEndpoint;

    @Option(names = "--metrics", description = "Where Prometheus metrics are served, unsigned: on (the default: "
            + "/metrics on the API's address), off, or host:port (a management listener of their own, e.g. "
            + "127.0.0.1:9464; the API's address then does not serve them).")
    String metrics;

    @Option(names = "--metrics-label-sets", description = "The most (function, version, alias) label sets metrics "
            + "keep (default 1000); invocations of further ones are counted under function=\"(other)\".")
    Integer metricsLabelSets;

    @Option(names = "--logs-max-bytes", description = "The most disk all log data may take (default 10g; "
            + "e.g. 500m); past it the oldest hours of logs are deleted first.")
    String logsMaxBytes;

    private final Map<String, String> environment;

    ServeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig serverConfig = resolve();
        LaminaServer server = Main.start(serverConfig);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("lamina-shutdown").unstarted(server::close));
        printWelcome(System.out, server, serverConfig);
        server.join();
        return 0;
    }

    ServerConfig resolve() {
        Optional<Path> configFile = Optional.ofNullable(config)
                .or(() -> Optional.ofNullable(environment.get("LAMINA_CONFIG")).filter(s -> !s.isEmpty()).map(Path::of));
        ConfigSources sources = ConfigSources.of(environment, configFile);
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        int resolvedPort;
        String portText = sources.get(port == null ? null : port.toString(), "port",
                Integer.toString(ServerConfig.DEFAULT_PORT));
        try {
            resolvedPort = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number: " + portText);
        }
        String regionName = sources.get(region, "region", ServerConfig.DEFAULT_REGION);
        if (!Region.isValid(regionName)) {
            throw new IllegalArgumentException("not an AWS region name: " + regionName);
        }
        String account = sources.get(accountId, "account-id", ServerConfig.DEFAULT_ACCOUNT);
        if (!AccountId.isValid(account)) {
            throw new IllegalArgumentException("an account id is twelve digits: " + account);
        }
        Optional<RootCredentials.Keys> keys = Optional.empty();
        Optional<String> keyId = sources.env("LAMINA_ROOT_ACCESS_KEY_ID");
        Optional<String> secret = sources.env("LAMINA_ROOT_SECRET_ACCESS_KEY");
        if (keyId.isPresent() != secret.isPresent()) {
            throw new IllegalArgumentException(
                    "set both LAMINA_ROOT_ACCESS_KEY_ID and LAMINA_ROOT_SECRET_ACCESS_KEY, or neither");
        }
        if (keyId.isPresent()) {
            keys = Optional.of(new RootCredentials.Keys(keyId.get(), secret.get()));
        }
        // From the environment only: a flag would show the key in the process list.
        Optional<MasterKey> masterKey = sources.env("LAMINA_MASTER_KEY").map(MasterKey::fromBase64);
        Map<String, Path> interpreters = new java.util.HashMap<>();
        for (String family : java.util.List.of("nodejs", "python", "java")) {
            String configured = sources.get(runtimes == null || !runtimes.containsKey(family) ? null
                    : runtimes.get(family).toString(), "runtime-" + family, null);
            if (configured != null) {
                interpreters.put(family, Path.of(configured));
            }
        }
        if (runtimes != null) {
            for (String family : runtimes.keySet()) {
                if (!java.util.List.of("nodejs", "python", "java").contains(family)) {
                    throw new IllegalArgumentException("--runtime takes nodejs, python or java, not " + family);
                }
            }
        }
        String sandboxMode = sources.get(sandbox, "sandbox", "auto");
        if (!sandboxMode.equals("auto") && !sandboxMode.equals("plain")) {
            throw new IllegalArgumentException("the sandbox is auto or plain, not " + sandboxMode);
        }
        ExecutionConfig execution = ExecutionConfig.defaults()
                .withInterpreters(interpreters)
                .withKeepAlive(duration(sources.get(keepAlive, "keep-alive", "5m")))
                .withLearnedKeepAlive(learned(sources.get(keepAlivePolicy, "keep-alive-policy", "learned")))
                .withPlainSandbox(sandboxMode.equals("plain"))
                .withAccountConcurrency(integer("concurrency limit", sources.get(
                        concurrencyLimit == null ? null : concurrencyLimit.toString(), "concurrency-limit",
                        Integer.toString(ExecutionConfig.DEFAULT_ACCOUNT_CONCURRENCY))));
        execution = execution.withMaxStemCells(integer("number of stem cells", sources.get(
                stemCells == null ? null : stemCells.toString(), "stem-cells",
                Integer.toString(ExecutionConfig.DEFAULT_MAX_STEM_CELLS))));
        String cells = sources.get(prewarm, "prewarm", null);
        if (cells != null) {
            execution = execution.withPrewarm(prewarmKinds(cells));
        }
        String budget = sources.get(memoryBudget, "memory-budget", null);
        if (budget != null) {
            execution = execution.withMemoryBudgetMb(megabytes(budget));
        }
        AsyncConfig async = AsyncConfig.defaults()
                .withMaxPayloadBytes(bytes(sources.get(asyncPayloadLimit, "async-payload-limit", "1m")))
                .withTimeScale(decimal("asynchronous time scale", sources.get(asyncTimeScale, "async-time-scale", "1")));
        String sqs = sources.get(sqsEndpoint, "sqs-endpoint", null);
        if (sqs != null) {
            async = async.withSqsEndpoint(java.net.URI.create(sqs));
        }
        // OpenTelemetry's own variable is honoured after Lamina's settings, and read here only.
        String otlp = sources.get(otlpEndpoint, "otlp-endpoint", sources.env("OTEL_EXPORTER_OTLP_ENDPOINT").orElse(null));
        TracesConfig traces = otlp == null ? TracesConfig.defaults() : TracesConfig.defaults().withOtlpEndpoint(uri(otlp));
        return new ServerConfig(
                sources.get(bind, "bind", ServerConfig.DEFAULT_BIND),
                resolvedPort,
                Path.of(sources.get(dataDir == null ? null : dataDir.toString(), "data-dir",
                        Path.of(home, ".lamina").toString())),
                new Region(regionName),
                new AccountId(account),
                keys,
                execution,
                async,
                masterKey,
                new SecurityConfig(duration(sources.get(roleSessionDuration, "role-session-duration", "6h"))),
                traces,
                new MetricsConfig(MetricsConfig.exposure(sources.get(metrics, "metrics", "on")),
                        integer("number of metrics label sets", sources.get(
                                metricsLabelSets == null ? null : metricsLabelSets.toString(), "metrics-label-sets",
                                Integer.toString(MetricsConfig.DEFAULT_MAX_LABEL_SETS)))),
                new LogsConfig(megabytes(sources.get(logsMaxBytes, "logs-max-bytes", "10g")) << 20),
                Optional.ofNullable(sources.get(kinesisEndpoint, "kinesis-endpoint", null)).map(ServeCommand::uri));
    }

    private static java.net.URI uri(String text) {
        try {
            return new java.net.URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not an address: " + text);
        }
    }

    private static boolean learned(String policy) {
        return switch (policy.trim()) {
            case "learned" -> true;
            case "fixed" -> false;
            default -> throw new IllegalArgumentException("the keep-alive policy is learned or fixed, not " + policy);
        };
    }

    private static int integer(String what, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " is not a number: " + text);
        }
    }

    /** "1m", "256k" or a plain number of bytes. */
    static int bytes(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("m")) {
                return Integer.parseInt(t.substring(0, t.length() - 1)) * 1024 * 1024;
            }
            if (t.endsWith("k")) {
                return Integer.parseInt(t.substring(0, t.length() - 1)) * 1024;
            }
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size (e.g. 1m, 256k): " + text);
        }
    }

    private static double decimal(String what, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " is not a number: " + text);
        }
    }

    /** "nodejs:128,java:512" or "none". */
    static java.util.List<ExecutionConfig.Prewarm> prewarmKinds(String text) {
        if (text.trim().equals("none")) {
            return java.util.List.of();
        }
        java.util.List<ExecutionConfig.Prewarm> kinds = new java.util.ArrayList<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split(":");
            try {
                RuntimeId.Family family = RuntimeId.Family.valueOf(parts[0].trim().toUpperCase(java.util.Locale.ROOT));
                kinds.add(new ExecutionConfig.Prewarm(family, Integer.parseInt(parts[1].trim())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--prewarm takes family:memory pairs such as nodejs:128, not " + pair);
            }
        }
        return kinds;
    }

    /** "16g", "8192m" or a plain number of megabytes. */
    static long megabytes(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.matches("\\d+g")) {
                return Long.parseLong(t.substring(0, t.length() - 1)) * 1024;
            }
            return Long.parseLong(t.endsWith("m") ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a memory size (e.g. 16g, 8192m): " + text);
        }
    }

    /** "300s", "5m", "1h" or ISO-8601 ("PT5M"). */
    static java.time.Duration duration(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d+ms")) {
                return java.time.Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.matches("\\d+[smh]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> java.time.Duration.ofSeconds(n);
                    case 'm' -> java.time.Duration.ofMinutes(n);
                    default -> java.time.Duration.ofHours(n);
                };
            }
            return java.time.Duration.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration (e.g. 300s, 5m): " + text);
        }
    }

    private static void printWelcome(PrintStream out, LaminaServer server, ServerConfig config) {
        RootCredentials.Loaded creds = server.credentials();
        out.println();
        out.println("Lamina is ready at " + server.endpoint());
        server.metricsUrl().ifPresent(url -> out.println("Prometheus metrics (unsigned): " + url));
        if (creds.generated()) {
            out.println("Root credentials were generated and saved to " + creds.file() + " (mode 0600):");
            out.println("  export AWS_ACCESS_KEY_ID=" + creds.keys().accessKeyId());
            out.println("  export AWS_SECRET_ACCESS_KEY=" + creds.keys().secretAccessKey());
        } else if (creds.file() != null) {
            out.println("Root access key " + creds.keys().accessKeyId() + "; the secret is in " + creds.file() + ".");
        } else {
            out.println("Root access key " + creds.keys().accessKeyId() + " (from LAMINA_ROOT_ACCESS_KEY_ID).");
        }
        out.println("  export AWS_DEFAULT_REGION=" + config.region());
        out.println("Try: aws lambda list-functions --endpoint-url " + server.endpoint());
        out.println();
        out.flush();
    }
}
