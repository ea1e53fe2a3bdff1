package dev.lamina.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Clients and fixtures shared by the Step Functions tests. */
final class StepFunctionsTesting {
    static final String MACHINE_ARN_PREFIX = "arn:aws:states:" + TestServer.REGION + ":" + TestServer.ACCOUNT
            + ":stateMachine:";
    /** A role ARN for state machines; Lamina accepts it as given, as it does function roles. */
    static final String ROLE = "arn:aws:iam::" + TestServer.ACCOUNT + ":role/sfn-role";

    private StepFunctionsTesting() {
    }

    /** The SDK's Step Functions client for {@code endpoint}, signing with the root keys, retries off, no host prefixes. */
    static SfnClient sfn(URI endpoint) {
        return SfnClient.builder().endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(120)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1))
                        // StartSyncExecution's endpoint has the host prefix "sync-", which an IP address cannot take.
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    /**
     * The folder of the recorded Step Functions conformance cases ({@code ../shared/conformance/stepfunctions},
     * beside the repository), read at test time and never copied into it.
     */
    static Path conformanceDir() {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path dir = p.resolveSibling("shared").resolve("conformance/stepfunctions");
            if (Files.isRegularFile(dir.resolve("cases.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("../shared/conformance/stepfunctions/cases.json not found above " + root);
    }
}
