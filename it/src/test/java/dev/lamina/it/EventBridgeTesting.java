package dev.lamina.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Clients and fixtures shared by the EventBridge and Scheduler tests. */
final class EventBridgeTesting {
    static final String RULE_ARN_PREFIX = "arn:aws:events:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":rule/";
    static final String BUS_ARN_PREFIX = "arn:aws:events:" + TestServer.REGION + ":" + TestServer.ACCOUNT
            + ":event-bus/";

    private EventBridgeTesting() {
    }

    /** The SDK's EventBridge client for {@code endpoint}, signing with the root keys, retries off. */
    static EventBridgeClient events(URI endpoint) {
        return EventBridgeClient.builder().endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** The SDK's Scheduler client for {@code endpoint}, signing with the root keys, retries off. */
    static SchedulerClient scheduler(URI endpoint) {
        return SchedulerClient.builder().endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /**
     * The recorded EventBridge conformance cases ({@code ../shared/conformance/eventbridge/cases.json},
     * beside the repository), read at test time and never copied into it.
     */
    static Path conformanceCases() {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path cases = p.resolveSibling("shared").resolve("conformance/eventbridge/cases.json");
            if (Files.isRegularFile(cases)) {
                return cases;
            }
        }
        throw new IllegalStateException("../shared/conformance/eventbridge/cases.json not found above " + root);
    }
}
