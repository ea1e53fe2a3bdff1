package dev.lamina.server;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a Lamina server is started with, typed and validated. The CLI builds it once from
 * flags, environment, config file and defaults; nothing below reads configuration on its own.
 *
 * @param port            0 picks a free port (tests)
 * @param rootCredentials explicit root keys, or empty to load or generate them in the data directory
 * @param interpreters    host programs for runtime families ("nodejs", "python": the executable;
 *                        "java": the JDK's home), overriding what Lamina finds by itself
 * @param keepAlive       how long an idle execution environment is kept for reuse
 * @param plainSandbox    run functions as plain processes even where bubblewrap works
 */
public record ServerConfig(
        String bind,
        int port,
        Path dataDir,
        Region region,
        AccountId account,
        Optional<RootCredentials.Keys> rootCredentials,
        Map<String, Path> interpreters,
        Duration keepAlive,
        boolean plainSandbox) {

    public static final int DEFAULT_PORT = 9070;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);

    public ServerConfig {
        Objects.requireNonNull(bind);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        Objects.requireNonNull(dataDir);
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(rootCredentials);
        interpreters = Map.copyOf(interpreters);
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("the keep-alive cannot be negative");
        }
    }

    /** Defaults for everything but the data directory. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(DEFAULT_BIND, DEFAULT_PORT, dataDir, new Region(DEFAULT_REGION),
                new AccountId(DEFAULT_ACCOUNT), Optional.empty(), Map.of(), DEFAULT_KEEP_ALIVE, false);
    }
}
