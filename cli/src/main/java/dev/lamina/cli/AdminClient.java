package dev.lamina.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.server.RootCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Calls a Lamina server's own routes (administration, the usage report) with SigV4-signed requests (the AWS SDK's signer,
 * service {@code lambda}), as the root. A non-2xx answer becomes an {@link AdminException} carrying
 * the server's error name and message.
 */
final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

    private final URI endpoint;
    private final RootCredentials.Keys keys;
    private final String region;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    AdminClient(URI endpoint, RootCredentials.Keys keys, String region) {
        this.endpoint = endpoint;
        this.keys = keys;
        this.region = region;
    }

    static final class AdminException extends RuntimeException {
        AdminException(String message) {
            super(message);
        }
    }

    /** @return the answer's JSON, or an empty object for an empty answer */
    JsonNode call(String method, String path, JsonNode body) {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().uri(endpoint.resolve(path)).method(SdkHttpMethod.fromValue(method))
                .putHeader("Content-Type", "application/json").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.request().getUri()).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(out.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminException("cannot reach Lamina at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String type = response.headers().firstValue("x-amzn-ErrorType").orElse("HTTP " + response.statusCode());
            String message = answer.has("message") ? answer.get("message").asText()
                    : answer.path("Message").asText(response.body());
            throw new AdminException(type + ": " + message);
        }
        return answer;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("Message", text);
        }
    }
}
