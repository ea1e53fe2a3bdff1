package dev.lamina.it;

import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.MetricsConfig;
import dev.lamina.server.ServerConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static dev.lamina.it.Scrape.fn;
import static org.assertj.core.api.Assertions.assertThat;

/** Where {@code /metrics} is served (on the API, off, on an address of its own) and its label bound, each on a server of its own. */
class MetricsExposureIT {
    static TestServer start(UnaryOperator<MetricsConfig> metrics) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-data-");
        ServerConfig config = ServerConfig.local(dir, TestServer.KEYS, ExecutionConfig.defaults().withMaxStemCells(0));
        return TestServer.start(config.withMetrics(metrics.apply(config.metrics())));
    }

    static void node(LambdaClient lambda, String name) {
        Functions.create(lambda, name, "nodejs20.x", "index.handler", Packages.nodejs(), b -> { });
    }

    @Test
    void offAnswersMetricsAsAnUnknownPath() throws IOException {
        try (TestServer server = start(m -> m.withExposure(new MetricsConfig.Exposure.Off()))) {
            HttpResponse<String> metrics = Scrape.get(server.endpoint().resolve("/metrics"));
            HttpResponse<String> unknown = Scrape.get(server.endpoint().resolve("/no-such-path"));
            assertThat(metrics.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
            assertThat(metrics.headers().firstValue("x-amzn-ErrorType"))
                    .isEqualTo(unknown.headers().firstValue("x-amzn-ErrorType"));
            assertThat(metrics.body()).isEqualTo(unknown.body().replace("/no-such-path", "/metrics"));
        }
    }

    @Test
    void aSeparateAddressServesOnlyMetricsAndTheApiPortNone() throws IOException {
        try (TestServer server = start(m -> m.withExposure(new MetricsConfig.Exposure.Separate("127.0.0.1", 0)));
             LambdaClient lambda = server.lambda()) {
            URI metrics = server.metricsUrl().orElseThrow();
            assertThat(metrics.getPort()).isNotEqualTo(server.endpoint().getPort());
            node(lambda, "elsewhere");
            Functions.invoke(lambda, "elsewhere", "{}");
            assertThat(Scrape.of(metrics).value("lamina_invocations_total", fn("elsewhere", "$LATEST", ""))).isEqualTo(1);
            assertThat(Scrape.get(server.endpoint().resolve("/metrics")).statusCode()).isEqualTo(404);
            assertThat(Scrape.get(metrics.resolve("/health")).statusCode()).isEqualTo(404);
            assertThat(Scrape.get(metrics.resolve("/2015-03-31/functions/")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void labelSetsBeyondTheBoundAreCountedAsOtherUntilADeletionMakesRoom() throws IOException {
        try (TestServer server = start(m -> m.withMaxLabelSets(2)); LambdaClient lambda = server.lambda()) {
            URI metrics = server.metricsUrl().orElseThrow();
            for (String name : new String[] {"first", "second", "third", "fourth"}) {
                node(lambda, name);
            }
            Functions.invoke(lambda, "first", "{}");
            Functions.invoke(lambda, "second", "{}");
            Functions.invoke(lambda, "third", "{}");
            Functions.invoke(lambda, "fourth", "{}");
            Scrape s = Scrape.of(metrics);
            assertThat(s.value("lamina_invocations_total", fn("first", "$LATEST", ""))).isEqualTo(1);
            assertThat(s.value("lamina_invocations_total", fn("second", "$LATEST", ""))).isEqualTo(1);
            assertThat(s.value("lamina_invocations_total", fn("(other)", "", ""))).isEqualTo(2);
            assertThat(s.samples()).noneMatch(x -> "third".equals(x.labels().get("function")));

            lambda.deleteFunction(b -> b.functionName("first"));
            Scrape.of(metrics); // the scrape that notices the deletion
            Functions.invoke(lambda, "third", "{}");
            s = Scrape.of(metrics);
            assertThat(s.value("lamina_invocations_total", fn("third", "$LATEST", ""))).isEqualTo(1);
            assertThat(s.value("lamina_invocations_total", fn("(other)", "", ""))).isEqualTo(2);
        }
    }
}
