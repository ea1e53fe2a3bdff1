package dev.lamina.cli;

import dev.lamina.server.RootCredentials;
import dev.lamina.server.ServerConfig;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The options of the commands that call a running server ({@code lamina admin}, {@code lamina
 * usage}): where it is, and the root credentials to sign with, taken from
 * LAMINA_ROOT_ACCESS_KEY_ID / LAMINA_ROOT_SECRET_ACCESS_KEY, else from the server's data directory.
 */
final class ServerConnection {
    @Option(names = "--endpoint", description = "The server (default LAMINA_ENDPOINT, else http://127.0.0.1:<LAMINA_PORT or "
            + ServerConfig.DEFAULT_PORT + ">).")
    URI endpoint;

    @Option(names = "--data-dir", description = "Where to find the root credentials when the environment has none "
            + "(default LAMINA_DATA_DIR, else ~/.lamina).")
    Path dataDir;

    @Option(names = "--region", description = "The region to sign for (default LAMINA_REGION, else "
            + ServerConfig.DEFAULT_REGION + ").")
    String region;

    AdminClient client(Map<String, String> environment) {
        URI target = endpoint != null ? endpoint : URI.create(environment.getOrDefault("LAMINA_ENDPOINT",
                "http://127.0.0.1:" + environment.getOrDefault("LAMINA_PORT", String.valueOf(ServerConfig.DEFAULT_PORT))));
        String id = environment.get("LAMINA_ROOT_ACCESS_KEY_ID");
        String secret = environment.get("LAMINA_ROOT_SECRET_ACCESS_KEY");
        RootCredentials.Keys keys = id != null && secret != null ? new RootCredentials.Keys(id, secret)
                : RootCredentials.readFrom(dataDir != null ? dataDir : Path.of(environment.getOrDefault("LAMINA_DATA_DIR",
                environment.getOrDefault("HOME", System.getProperty("user.home")) + "/.lamina")));
        return new AdminClient(target, keys,
                region != null ? region : environment.getOrDefault("LAMINA_REGION", ServerConfig.DEFAULT_REGION));
    }
}
