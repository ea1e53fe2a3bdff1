package dev.lamina.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Kinesis-compatible server: kinesis-mock (npm kinesis-local, installed by
 * {@code npm ci --prefix it/test-servers}) run with node on a free port; {@link #close} stops it.
 */
final class KinesisServer implements AutoCloseable {
    private final Process process;
    private final int port;
    final KinesisClient client;

    private KinesisServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = KinesisClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    static KinesisServer start() {
        Path main = Path.of("test-servers/node_modules/kinesis-local/main.js").toAbsolutePath();
        if (!Files.isRegularFile(main)) {
            throw new IllegalStateException("kinesis-mock is not installed: run `npm ci --prefix it/test-servers`");
        }
        try {
            Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "kinesis-mock-", ".log");
            ProcessBuilder pb = new ProcessBuilder("node", main.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            int port = freePort();
            pb.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
            pb.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(freePort()));
            pb.environment().put("KINESIS_MOCK_CERT_PATH", main.resolveSibling("server.json").toString());
            pb.environment().put("CREATE_STREAM_DURATION", "10ms");
            pb.environment().put("LOG_LEVEL", "WARN");
            KinesisServer server = new KinesisServer(pb.start(), port);
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    server.client.listStreams();
                    return server;
                } catch (RuntimeException e) {
                    if (Instant.now().isAfter(deadline) || !server.process.isAlive()) {
                        server.close();
                        throw new IllegalStateException("kinesis-mock did not start; see " + log, e);
                    }
                    Thread.sleep(200);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a stream of {@code shards} shards and waits until it is ACTIVE; returns its ARN. */
    String createStream(String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            var d = client.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
            if (d.streamStatus() == StreamStatus.ACTIVE) {
                return d.streamARN();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("stream " + name + " is still " + d.streamStatus());
            }
            Thread.sleep(50);
        }
    }

    String put(String stream, String partitionKey, String data) {
        return client.putRecord(b -> b.streamName(stream).partitionKey(partitionKey)
                .data(SdkBytes.fromUtf8String(data))).sequenceNumber();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
