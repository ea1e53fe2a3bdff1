package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.RuntimeId;
import dev.lamina.server.ExecutionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A streaming Node.js function whose environment was a stem cell: the cell booted before it had a
 * function, and the function's module, loaded after the assignment, still finds the global
 * `awslambda` (or, with AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA, does not).
 */
class ResponseStreamingStemCellIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        server = TestServer.start(ExecutionConfig.defaults().withPrewarm(List.of(
                new ExecutionConfig.Prewarm(RuntimeId.Family.NODEJS, 128))));
        lambda = server.lambda();
        byte[] node = Packages.zip(Map.of("index.js", Packages.resource("fixtures/nodejs-stream/index.js", 0644)));
        Functions.create(lambda, "cell-stream", "nodejs20.x", "index.uptime", node, b -> b.memorySize(128));
        Functions.create(lambda, "cell-stream-no-global", "nodejs20.x", "index.uptime", node, b -> b.memorySize(128)
                .environment(e -> e.variables(Map.of("AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA", "1"))));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
    }

    static void awaitCell() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return Functions.JSON.readTree(r.body()).path("stemCells").path("nodejs:128").asInt() >= 1;
        });
    }

    @Test
    void aStreamingFunctionStreamsFromAStemCell() throws Exception {
        awaitCell();
        Thread.sleep(400); // so that the cell's age tells it from a runtime started for the invocation
        Functions.Invocation r = Functions.invoke(lambda, "cell-stream", "{}");
        assertThat(r.functionError()).isNull();
        JsonNode body = r.json();
        assertThat(body.path("global").asText()).isEqualTo("object");
        Matcher init = Pattern.compile("Init Duration: ([0-9.]+) ms").matcher(r.log());
        assertThat(init.find()).as("a cold start").isTrue();
        assertThat(body.path("ageMs").asLong()).as("a runtime booted before the invocation: a stem cell")
                .isGreaterThan((long) Double.parseDouble(init.group(1)) + 300);
    }

    @Test
    void withoutTheGlobalTheModuleCannotLoad() {
        awaitCell();
        Functions.Invocation r = Functions.invoke(lambda, "cell-stream-no-global", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorMessage").asText()).contains("awslambda is not defined");
    }
}
