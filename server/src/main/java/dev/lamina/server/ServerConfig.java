package dev.lamina.server;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a Lamina server is started with, typed and validated. The CLI builds it once from
 * flags, environment, config file and defaults; nothing below reads configuration on its own.
 *
 * @param port            0 picks a free port (tests)
 * @param rootCredentials explicit root keys, or empty to load or generate them in the data directory
 * @param execution       how functions are run
 * @param async           how asynchronous invocations are handled
 * @param masterKey       the key that seals secrets at rest, or empty to load or generate it in the
 *                        data directory
 * @param security        how credentials are treated
 * @param traces          where invocations' spans are exported, if anywhere
 * @param metrics         where /metrics is served, and its label bound
 * @param logs            how much log data is kept
 * @param kinesisEndpoint the Kinesis-compatible server (or Kinesis itself) that Kinesis event source
 *                        mappings read (LAMINA_KINESIS_ENDPOINT); empty: such mappings cannot be created
 */
public record ServerConfig(
        String bind,
        int port,
        Path dataDir,
        Region region,
        AccountId account,
        Optional<RootCredentials.Keys> rootCredentials,
        ExecutionConfig execution,
        AsyncConfig async,
        Optional<MasterKey> masterKey,
        SecurityConfig security,
        TracesConfig traces,
        MetricsConfig metrics,
        LogsConfig logs,
        Optional<URI> kinesisEndpoint) {

    public static final int DEFAULT_PORT = 9070;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    public ServerConfig {
        Objects.requireNonNull(bind);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        Objects.requireNonNull(dataDir);
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(rootCredentials);
        Objects.requireNonNull(execution);
        Objects.requireNonNull(async);
        Objects.requireNonNull(masterKey);
        Objects.requireNonNull(security);
        Objects.requireNonNull(traces);
        Objects.requireNonNull(metrics);
        Objects.requireNonNull(logs);
        Objects.requireNonNull(kinesisEndpoint);
        kinesisEndpoint.ifPresent(e -> {
            if (!("http".equals(e.getScheme()) || "https".equals(e.getScheme())) || e.getHost() == null) {
                throw new IllegalArgumentException("the Kinesis endpoint is an http(s) address such as "
                        + "http://localhost:4568: " + e);
            }
        });
    }

    public ServerConfig withMasterKey(MasterKey key) {
        return new ServerConfig(bind, port, dataDir, region, account, rootCredentials, execution, async,
                Optional.of(key), security, traces, metrics, logs, kinesisEndpoint);
    }

    /** Defaults for everything but the data directory. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(DEFAULT_BIND, DEFAULT_PORT, dataDir, new Region(DEFAULT_REGION),
                new AccountId(DEFAULT_ACCOUNT), Optional.empty(), ExecutionConfig.defaults(), AsyncConfig.defaults(),
                Optional.empty(), SecurityConfig.defaults(), TracesConfig.defaults(),
                MetricsConfig.defaults(), LogsConfig.defaults(), Optional.empty());
    }

    /** A loopback server on a free port with the given root keys (tests and the benchmark harness). */
    public static ServerConfig local(Path dataDir, RootCredentials.Keys keys, ExecutionConfig execution) {
        return local(dataDir, keys, execution, AsyncConfig.defaults());
    }

    public static ServerConfig local(Path dataDir, RootCredentials.Keys keys, ExecutionConfig execution,
                                     AsyncConfig async) {
        return new ServerConfig(DEFAULT_BIND, 0, dataDir, new Region(DEFAULT_REGION), new AccountId(DEFAULT_ACCOUNT),
                Optional.of(keys), execution, async, Optional.empty(), SecurityConfig.defaults(), TracesConfig.defaults(),
                MetricsConfig.defaults(), LogsConfig.defaults(), Optional.empty());
    }

    public ServerConfig withSecurity(SecurityConfig value) {
        return new ServerConfig(bind, port, dataDir, region, account, rootCredentials, execution, async, masterKey,
                value, traces, metrics, logs, kinesisEndpoint);
    }

    public ServerConfig withTraces(TracesConfig value) {
        return new ServerConfig(bind, port, dataDir, region, account, rootCredentials, execution, async, masterKey,
                security, value, metrics, logs, kinesisEndpoint);
    }

    public ServerConfig withMetrics(MetricsConfig value) {
        return new ServerConfig(bind, port, dataDir, region, account, rootCredentials, execution, async, masterKey,
                security, traces, value, logs, kinesisEndpoint);
    }

    public ServerConfig withLogs(LogsConfig value) {
        return new ServerConfig(bind, port, dataDir, region, account, rootCredentials, execution, async, masterKey,
                security, traces, metrics, value, kinesisEndpoint);
    }

    public ServerConfig withKinesisEndpoint(URI value) {
        return new ServerConfig(bind, port, dataDir, region, account, rootCredentials, execution, async, masterKey,
                security, traces, metrics, logs, Optional.of(value));
    }
}
