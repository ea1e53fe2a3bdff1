package dev.lamina.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The servers Lamina is compared with in the same run: the floor (the echo handler in a minimal
 * Node.js HTTP server, bench/floor) and a peer (serverless-offline, bench/peer, when bench/run
 * could install it). Both answer the Invoke path, so the same SDK client measures them.
 *
 * @param functionName the name to invoke it by
 */
record External(String label, Process process, URI endpoint, String functionName) implements AutoCloseable {

    /** The floor: prints its port, then serves. */
    static External floor(Path benchDir) throws IOException {
        Process p = new ProcessBuilder("node", benchDir.resolve("floor/floor.js").toString())
                .redirectErrorStream(true).start();
        String port = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        return new External("floor: echo in a minimal Node.js HTTP server", p,
                URI.create("http://127.0.0.1:" + port.trim()), "echo");
    }

    /** serverless-offline, if bench/run installed it; it needs a second or two to start. */
    static Optional<External> peer(Path benchDir, int port) throws Exception {
        Path dir = benchDir.resolve("peer");
        if (!Files.isDirectory(dir.resolve("node_modules/serverless-offline"))) {
            System.err.println("bench: serverless-offline is not installed in bench/peer; the peer is left out");
            return Optional.empty();
        }
        Files.createDirectories(dir.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(List.of("node", "node_modules/serverless/bin/serverless.js", "offline",
                "start", "--noPrependStageInUrl", "--noSponsor", "--terminateIdleLambdaTime", "86400",
                "--lambdaPort", Integer.toString(port), "--httpPort", Integer.toString(port + 1)))
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("home/offline.log").toFile());
        // No credentials, telemetry or network: serverless-offline needs none of them here.
        pb.environment().putAll(Map.of("HOME", dir.resolve("home").toString(), "AWS_ACCESS_KEY_ID", "x",
                "AWS_SECRET_ACCESS_KEY", "x", "AWS_REGION", "us-east-1", "SLS_TELEMETRY_DISABLED", "1",
                "SLS_TRACKING_DISABLED", "1", "SLS_NOTIFICATIONS_MODE", "off", "SLS_DEPRECATION_DISABLE", "*",
                "CI", "1"));
        Process p = pb.start();
        External peer = new External("peer: serverless-offline 13.9.0 (worker threads)", p,
                URI.create("http://127.0.0.1:" + port), "lamina-peer-dev-echo");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(peer.endpoint().resolve(
                        "/2015-03-31/functions/" + peer.functionName() + "/invocations"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Optional.of(peer);
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        peer.close();
        System.err.println("bench: serverless-offline did not start (bench/peer/home/offline.log); the peer is left out");
        return Optional.empty();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
