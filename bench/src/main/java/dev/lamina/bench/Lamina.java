package dev.lamina.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.LaminaServer;
import dev.lamina.server.Main;
import dev.lamina.server.RootCredentials;
import dev.lamina.server.ServerConfig;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A Lamina server started in the harness's JVM on a fresh data directory, with its SDK client. */
final class Lamina implements AutoCloseable {
    static final RootCredentials.Keys KEYS = new RootCredentials.Keys("LKIABENCHBENCHBENCH0", "bench-secret");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LaminaServer server;
    final LambdaClient lambda;
    final Path dataDir;

    private Lamina(LaminaServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
        this.lambda = Clients.lambda(server.endpoint(), KEYS.accessKeyId(), KEYS.secretAccessKey());
    }

    static Lamina start(ExecutionConfig execution) throws Exception {
        // Under /tmp, which the sandboxes' unprivileged user can traverse, for the full isolation.
        Path data = Files.createTempDirectory(Path.of("/tmp"), "lamina-bench-");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
        return new Lamina(Main.start(ServerConfig.local(data, KEYS, execution)), data);
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** Lamina's /health: status, environments and the stem cells waiting, by kind. */
    JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** Waits, at most a minute, until a stem cell of {@code kind} ("nodejs:1769") is waiting. */
    void awaitCell(String kind) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (health().path("stemCells").path(kind).asInt() < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + kind + " stem cell within a minute");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        lambda.close();
        server.close();
    }
}
