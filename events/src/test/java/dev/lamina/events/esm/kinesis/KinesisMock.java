package dev.lamina.events.esm.kinesis;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Kinesis-compatible server for tests: kinesis-mock (npm kinesis-local, installed by
 * {@code npm ci --prefix it/test-servers}) run with node on a free port, stopped by {@link #close}.
 */
final class KinesisMock implements AutoCloseable {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final Process process;
    final int port;
    final KinesisClient client;

    private KinesisMock(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = client(endpoint(port));
    }

    static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI endpoint() {
        return endpoint(port);
    }

    static KinesisMock start() {
        return start(freePort());
    }

    /** Starts the server on {@code port} and waits until it answers. */
    static KinesisMock start(int port) {
        Path main = root().resolve("it/test-servers/node_modules/kinesis-local/main.js");
        if (!Files.isRegularFile(main)) {
            throw new IllegalStateException("kinesis-mock is not installed: run `npm ci --prefix it/test-servers`");
        }
        try {
            Path log = Files.createTempFile("kinesis-mock-", ".log");
            ProcessBuilder pb = new ProcessBuilder("node", main.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
            pb.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(freePort()));
            pb.environment().put("KINESIS_MOCK_CERT_PATH", main.resolveSibling("server.json").toString());
            pb.environment().put("CREATE_STREAM_DURATION", "10ms");
            pb.environment().put("SPLIT_SHARD_DURATION", "10ms");
            pb.environment().put("LOG_LEVEL", "WARN");
            KinesisMock mock = new KinesisMock(pb.start(), port);
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    mock.client.listStreams();
                    return mock;
                } catch (RuntimeException e) {
                    if (Instant.now().isAfter(deadline) || !mock.process.isAlive()) {
                        mock.close();
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

    static KinesisClient client(URI endpoint) {
        return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates a stream and waits until it is ACTIVE; returns its ARN. */
    String createStream(String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        return awaitActive(name);
    }

    String awaitActive(String name) throws InterruptedException {
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

    /** Puts one record; returns its sequence number. */
    String put(String stream, String partitionKey, String data) {
        return client.putRecord(b -> b.streamName(stream).partitionKey(partitionKey)
                .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String(data))).sequenceNumber();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's root: the first folder up from here that has it/test-servers. */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("it/test-servers"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no it/test-servers above " + Path.of("").toAbsolutePath());
        }
        return p;
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

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
