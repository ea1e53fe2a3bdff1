package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function URL that CreateFunctionUrlConfig (or an update) acknowledged survives {@code kill -9}:
 * after a restart on the same data directory the same URL id serves the function with the settings
 * last acknowledged, and a deleted URL stays deleted.
 */
class FunctionUrlCrashIT {
    @TempDir
    Path tmp;

    @Test
    void anAcknowledgedUrlIsServedAfterKillNine() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        String urlId;
        String deletedId;
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
            Functions.create(lambda, "crash-url", "nodejs20.x", "index.handler",
                    Packages.zip(Map.of("index.js", Packages.resource("fixtures/url-node/index.js", 0644))), b -> { });
            Functions.create(lambda, "crash-gone", "nodejs20.x", "index.handler",
                    Packages.zip(Map.of("index.js", Packages.resource("fixtures/url-node/index.js", 0644))), b -> { });
            urlId = FunctionUrlIT.idOf(FunctionUrlIT.publicUrl(lambda, "crash-url"));
            lambda.updateFunctionUrlConfig(b -> b.functionName("crash-url")
                    .cors(Cors.builder().allowOrigins("https://kept.example").build()));
            deletedId = FunctionUrlIT.idOf(FunctionUrlIT.publicUrl(lambda, "crash-gone"));
            lambda.deleteFunctionUrlConfig(b -> b.functionName("crash-gone"));
            assertThat(UrlCurl.run(url(server, urlId, "before")).status()).isEqualTo(200);
            server.kill();
        }

        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
            UrlCurl.Response r = UrlCurl.run(url(server, urlId, "after"), "-H", "Origin: https://kept.example");
            assertThat(r.status()).isEqualTo(200);
            assertThat(Functions.JSON.readTree(r.text()).path("rawPath").asText()).isEqualTo("/after");
            assertThat(r.header("access-control-allow-origin")).as("the update survived").contains("https://kept.example");
            assertThat(lambda.getFunctionUrlConfig(b -> b.functionName("crash-url")).functionUrl())
                    .contains(urlId + ".lambda-url.us-east-1.localhost:" + server.endpoint().getPort());
            assertThat(UrlCurl.run(url(server, deletedId, "")).status()).as("the deleted URL").isEqualTo(403);
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    private static String url(LaminaProcess server, String id, String path) {
        return "http://" + id + ".lambda-url.us-east-1.localhost:" + server.endpoint().getPort() + "/" + path;
    }
}
