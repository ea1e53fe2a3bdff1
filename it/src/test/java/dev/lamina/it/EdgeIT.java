package dev.lamina.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP edge of the front doors in a real server, with the real curl and SDK: execute-api
 * addresses (host and path style) reach the execute-api front, and requests signed for
 * {@code apigateway} reach the rest-json codec of API Gateway's control planes.
 */
class EdgeIT extends ServerPerClass {

    /** curl's status line code and body, {@code -s}, following nothing. */
    private static String[] curl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "-", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int nl = out.lastIndexOf('\n');
        return new String[]{out.substring(nl + 1), out.substring(0, nl)};
    }

    @Test
    void anUnknownApiIdIsApiGatewaysNotFoundOnEveryAddressForm() throws Exception {
        int port = server.endpoint().getPort();
        String[] pathStyle = curl("http://127.0.0.1:" + port + "/_aws/execute-api/nope123456/prod/items");
        assertThat(pathStyle[0]).isEqualTo("404");
        assertThat(pathStyle[1]).isEqualTo("{\"message\":\"Not Found\"}");
        // curl resolves *.localhost to the loopback itself: no DNS set-up
        String[] hostStyle = curl("http://nope123456.execute-api.localhost:" + port + "/prod/items");
        assertThat(hostStyle[0]).isEqualTo("404");
        assertThat(hostStyle[1]).isEqualTo("{\"message\":\"Not Found\"}");
        String[] regional = curl("-X", "POST", "--data", "x=1",
                "http://nope123456.execute-api.us-east-1.localhost:" + port + "/");
        assertThat(regional[0]).isEqualTo("404");
    }

    @Test
    void theAwsCliReadsTheCodecsErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/aws", "apigateway", "get-sdk-types", "--endpoint-url",
                server.endpoint().toString()).redirectErrorStream(true);
        var env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_ACCESS_KEY_ID", TestServer.KEYS.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", TestServer.KEYS.secretAccessKey());
        env.put("AWS_DEFAULT_REGION", TestServer.REGION);
        env.put("AWS_MAX_ATTEMPTS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("An error occurred (UnknownOperationException) when calling the GetSdkTypes operation")
                .contains("The operation GetSdkTypes is not supported by Lamina.");
    }

    @Test
    void requestsSignedForApigatewayReachItsCodecAndAnUnservedOperationIsNoServerError() {
        try (ApiGatewayClient apigateway = ApiGatewayClient.builder().endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build()) {
            // GetSdkTypes: an operation of the model that Lamina does not serve
            assertThatThrownBy(apigateway::getSdkTypes).isInstanceOfSatisfying(ApiGatewayException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
            });
        }
    }
}
