package dev.lamina.it;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.server.AsyncConfig;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.LaminaServer;
import dev.lamina.server.Main;
import dev.lamina.server.RootCredentials;
import dev.lamina.server.ServerConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real Lamina server started in this JVM on a free port with a fresh data directory, and clients
 * for it. Close it to stop the server; the data directory is left for inspection under target/.
 */
final class TestServer implements AutoCloseable {
    static final RootCredentials.Keys KEYS = new RootCredentials.Keys("LKIATESTTESTTESTTEST", "test-secret-key");
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private final LaminaServer server;
    private final Path dataDir;

    private TestServer(LaminaServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static TestServer start() {
        return start(ExecutionConfig.defaults());
    }

    /** Starts a server on an existing data directory (to test what survives a restart). */
    static TestServer start(Path dataDir) {
        return start(dataDir, ExecutionConfig.defaults());
    }

    /** Starts a server on a fresh data directory that runs functions as {@code execution} says. */
    static TestServer start(ExecutionConfig execution) {
        try {
            return start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-data-"), execution);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestServer start(Path dataDir, ExecutionConfig execution) {
        return start(dataDir, execution, AsyncConfig.defaults());
    }

    /** A server on a fresh data directory with its own asynchronous settings. */
    static TestServer start(ExecutionConfig execution, AsyncConfig async) {
        try {
            return start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-data-"), execution, async);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestServer start(Path dataDir, ExecutionConfig execution, AsyncConfig async) {
        return start(ServerConfig.local(dataDir, KEYS, execution, async));
    }

    /** A server started exactly as {@code config} says; its root keys must be {@link #KEYS} for the clients. */
    static TestServer start(ServerConfig config) {
        try {
            return new TestServer(Main.start(config), config.dataDir());
        } catch (Exception e) {
            throw new IllegalStateException("the server did not start", e);
        }
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** Where Prometheus scrapes this server, when its metrics are on. */
    Optional<URI> metricsUrl() {
        return server.metricsUrl();
    }

    Path dataDir() {
        return dataDir;
    }

    /** The AWS SDK's Lambda client, pointed at this server, with retries off so tests see every error. */
    LambdaClient lambda() {
        return lambda(KEYS.accessKeyId(), KEYS.secretAccessKey());
    }

    /** A Lambda client that signs with other keys (a user's). */
    LambdaClient lambda(String accessKeyId, String secretAccessKey) {
        return client(LambdaClient.builder(), accessKeyId, secretAccessKey);
    }

    /** Any AWS SDK client for this server: its endpoint and region, these keys, the JDK's HTTP client, no retries. */
    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, String accessKeyId,
                                                                                   String secretAccessKey) {
        return builder
                .endpointOverride(endpoint())
                .region(software.amazon.awssdk.regions.Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** The AWS SDK's CloudWatch Logs client, pointed at this server, with retries off. */
    CloudWatchLogsClient logs() {
        return logs(KEYS.accessKeyId(), KEYS.secretAccessKey());
    }

    CloudWatchLogsClient logs(String accessKeyId, String secretAccessKey) {
        return client(CloudWatchLogsClient.builder(), accessKeyId, secretAccessKey);
    }

    /** The AWS SDK's SQS client (JSON 1.0, MD5 checks on), pointed at this server, with retries off. */
    SqsClient sqs() {
        return client(SqsClient.builder(), KEYS.accessKeyId(), KEYS.secretAccessKey());
    }

    @Override
    public void close() {
        server.close();
    }
}
