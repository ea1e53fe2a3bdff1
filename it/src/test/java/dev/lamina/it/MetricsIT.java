package dev.lamina.it;

import dev.lamina.server.AsyncConfig;
import dev.lamina.server.ExecutionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.lamina.it.Scrape.fn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Prometheus metrics after known invocations of real Node.js and Python functions, made through the
 * AWS SDK and scraped unsigned from {@code /metrics}, as Prometheus does. Every test uses functions of
 * its own, so the counts it checks are exactly its invocations'. The asynchronous time scale is 0.001
 * (Lambda's retry waits and backoffs take milliseconds).
 */
class MetricsIT {
    static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:nowhere-dlq";
    static final String DESTINATION = "arn:aws:sqs:us-east-1:000000000000:nowhere-destination";
    static TestServer server;
    static LambdaClient lambda;
    static URI metrics;

    @BeforeAll
    static void start() {
        server = TestServer.start(ExecutionConfig.defaults(), AsyncConfig.defaults().withTimeScale(0.001));
        lambda = server.lambda();
        metrics = server.endpoint().resolve("/metrics");
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
    }

    static Scrape scrape() {
        return Scrape.of(metrics);
    }

    static void node(String name) {
        Functions.create(lambda, name, "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(1));
    }

    static void event(String function, String payload) {
        assertThat(lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).statusCode()).isEqualTo(202);
    }

    @Test
    void metricsAreServedUnsignedInPrometheusTextFormat() {
        HttpResponse<String> r = Scrape.get(metrics);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("# TYPE lamina_memory_budget_bytes gauge");
    }

    @Test
    void anotherMethodIsAnUnknownOperationAndOddQueriesNeverGetA5xx() {
        HttpResponse<String> post = Scrape.send(java.net.http.HttpRequest.newBuilder(metrics)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.body()).contains("No operation matches POST /metrics");
        assertThat(Scrape.get(URI.create(metrics + "?a=%C3%28")).statusCode()).isBetween(200, 499);
        assertThat(Scrape.get(URI.create(metrics + "?name[]=x&name[]=y")).statusCode()).isEqualTo(200);
    }

    @Test
    void successesErrorsAndATimeoutAreCountedWithTheirDurations() {
        node("counted");
        for (int i = 0; i < 3; i++) {
            assertThat(Functions.invoke(lambda, "counted", "{\"action\":\"echo\"}").functionError()).isNull();
        }
        for (int i = 0; i < 2; i++) {
            assertThat(Functions.invoke(lambda, "counted", "{\"action\":\"error\"}").functionError()).isEqualTo("Unhandled");
        }
        assertThat(Functions.invoke(lambda, "counted", "{\"action\":\"sleep\",\"ms\":5000}").payload())
                .contains("Task timed out after 1.00 seconds");

        Scrape s = scrape();
        Map<String, String> labels = fn("counted", "$LATEST", "");
        assertThat(s.value("lamina_invocations_total", labels)).isEqualTo(6);
        assertThat(s.value("lamina_errors_total", labels)).isEqualTo(3);
        assertThat(s.value("lamina_throttles_total", labels)).isZero();
        assertThat(s.value("lamina_duration_seconds_count", labels)).isEqualTo(6);
        assertThat(s.value("lamina_duration_seconds_bucket", with(labels, "le", "+Inf"))).isEqualTo(6);
        // The timeout's duration is its timeout, one second: in the 1 s bucket, above the 0.5 s one.
        assertThat(s.value("lamina_duration_seconds_bucket", with(labels, "le", "1.0"))).isEqualTo(6);
        assertThat(s.value("lamina_duration_seconds_bucket", with(labels, "le", "0.5"))).isLessThanOrEqualTo(5);
        assertThat(s.value("lamina_duration_seconds_sum", labels)).isGreaterThanOrEqualTo(1.0);
        // One cold start: the timeout was the last invocation, so nothing started the next environment.
        assertThat(s.value("lamina_init_duration_seconds_count", labels)).isEqualTo(1);
        assertThat(s.value("lamina_provisioned_concurrency_invocations_total", labels)).isZero();
    }

    @Test
    void aPythonFunctionIsCountedToo() {
        Functions.create(lambda, "py-counted", "python3.12", "app.handler", Packages.python(), b -> { });
        Functions.invoke(lambda, "py-counted", "{\"action\":\"echo\"}");
        Functions.invoke(lambda, "py-counted", "{\"action\":\"error\"}");
        Scrape s = scrape();
        assertThat(s.value("lamina_invocations_total", fn("py-counted", "$LATEST", ""))).isEqualTo(2);
        assertThat(s.value("lamina_errors_total", fn("py-counted", "$LATEST", ""))).isEqualTo(1);
    }

    @Test
    void aThrottleIsCountedAndIsNotAnInvocation() {
        node("closed");
        lambda.putFunctionConcurrency(b -> b.functionName("closed").reservedConcurrentExecutions(0));
        assertThatThrownBy(() -> Functions.invoke(lambda, "closed", "{}")).isInstanceOf(TooManyRequestsException.class);
        Scrape s = scrape();
        assertThat(s.value("lamina_throttles_total", fn("closed", "$LATEST", ""))).isEqualTo(1);
        assertThat(s.find("lamina_invocations_total", fn("closed", "$LATEST", ""))).isEmpty();
    }

    @Test
    void aliasesAndVersionsAreLabelsOfTheirOwn() {
        node("aliased");
        lambda.publishVersion(b -> b.functionName("aliased"));
        lambda.createAlias(b -> b.functionName("aliased").name("live").functionVersion("1"));
        Functions.invoke(lambda, "aliased:live", "{}");
        Functions.invoke(lambda, "aliased:live", "{}");
        Functions.invoke(lambda, "aliased:1", "{}");
        Functions.invoke(lambda, "aliased", "{}");
        Scrape s = scrape();
        assertThat(s.value("lamina_invocations_total", fn("aliased", "1", "live"))).isEqualTo(2);
        assertThat(s.value("lamina_invocations_total", fn("aliased", "1", ""))).isEqualTo(1);
        assertThat(s.value("lamina_invocations_total", fn("aliased", "$LATEST", ""))).isEqualTo(1);
    }

    @Test
    void concurrentExecutionsShowWhileAnInvocationRuns() {
        Functions.create(lambda, "sleepy", "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(30));
        CompletableFuture<Functions.Invocation> running = CompletableFuture.supplyAsync(() ->
                Functions.invoke(lambda, "sleepy", "{\"action\":\"sleep\",\"ms\":6000}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scrape().value("lamina_concurrent_executions", Map.of("function", "sleepy")) == 1);
        assertThat(running.join().payload()).isEqualTo("\"slept\"");
        assertThat(scrape().find("lamina_concurrent_executions", Map.of("function", "sleepy"))).isEmpty();
    }

    @Test
    void provisionedConcurrencyAndItsSpillOverAreCounted() {
        Functions.create(lambda, "provisioned", "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(30));
        lambda.publishVersion(b -> b.functionName("provisioned"));
        lambda.createAlias(b -> b.functionName("provisioned").name("pc").functionVersion("1"));
        lambda.putProvisionedConcurrencyConfig(b -> b.functionName("provisioned").qualifier("pc")
                .provisionedConcurrentExecutions(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> lambda.getProvisionedConcurrencyConfig(b -> b
                .functionName("provisioned").qualifier("pc")).status() == ProvisionedConcurrencyStatusEnum.READY);
        // The first holds the one provisioned environment while the second arrives: it spills over.
        CompletableFuture<Functions.Invocation> first = CompletableFuture.supplyAsync(() ->
                Functions.invoke(lambda, "provisioned:pc", "{\"action\":\"sleep\",\"ms\":6000}"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scrape().value("lamina_concurrent_executions", Map.of("function", "provisioned")) == 1);
        Functions.invoke(lambda, "provisioned:pc", "{}");
        first.join();
        Scrape s = scrape();
        Map<String, String> labels = fn("provisioned", "1", "pc");
        assertThat(s.value("lamina_invocations_total", labels)).isEqualTo(2);
        assertThat(s.value("lamina_provisioned_concurrency_invocations_total", labels)).isEqualTo(1);
        assertThat(s.value("lamina_provisioned_concurrency_spillover_invocations_total", labels)).isEqualTo(1);
        assertThat(s.value("lamina_init_duration_seconds_count", labels)).as("the spill-over's cold start").isEqualTo(1);
    }

    @Test
    void anAsyncEventIsReceivedAgedAndInvoked() {
        node("async-ok");
        event("async-ok", "{\"action\":\"echo\"}");
        Map<String, String> labels = fn("async-ok", "$LATEST", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().value("lamina_invocations_total", labels) == 1);
        Scrape s = scrape();
        assertThat(s.value("lamina_async_events_received_total", labels)).isEqualTo(1);
        assertThat(s.value("lamina_async_event_age_seconds_count", labels)).isEqualTo(1);
        assertThat(s.find("lamina_async_events_dropped_total", with(labels, "reason", "RetriesExhausted"))).isEmpty();
    }

    @Test
    void anEventThatCannotRunIsDroppedAndItsUndeliverableDeadLetterAndRecordAreCounted() {
        node("async-doomed");
        lambda.updateFunctionConfiguration(b -> b.functionName("async-doomed").deadLetterConfig(d -> d.targetArn(DLQ)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("async-doomed"));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("async-doomed").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(DESTINATION))));
        double deadLetters = scrape().value("lamina_dead_letter_errors_total", Map.of());
        double destinations = scrape().value("lamina_destination_delivery_failures_total", Map.of());
        event("async-doomed", "{\"action\":\"error\"}");
        Map<String, String> labels = fn("async-doomed", "$LATEST", "");
        // No SQS endpoint is configured: both messages fail every attempt and are given up on.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Scrape s = scrape();
            return s.value("lamina_dead_letter_errors_total", Map.of()) == deadLetters + 1
                    && s.value("lamina_destination_delivery_failures_total", Map.of()) == destinations + 1;
        });
        Scrape s = scrape();
        assertThat(s.value("lamina_async_events_dropped_total", with(labels, "reason", "RetriesExhausted"))).isEqualTo(1);
        assertThat(s.value("lamina_errors_total", labels)).isEqualTo(1);
    }

    @Test
    void aDeletedFunctionsSeriesAreRemoved() {
        node("doomed");
        Functions.invoke(lambda, "doomed", "{}");
        assertThat(scrape().value("lamina_invocations_total", fn("doomed", "$LATEST", ""))).isEqualTo(1);
        lambda.deleteFunction(b -> b.functionName("doomed"));
        assertThat(scrape().samples()).noneMatch(x -> "doomed".equals(x.labels().get("function")));
    }

    @Test
    void platformGaugesDescribeTheNode() {
        node("platform");
        Functions.invoke(lambda, "platform", "{}");
        Scrape s = scrape();
        assertThat(s.value("lamina_environments", Map.of("state", "idle"))).isGreaterThanOrEqualTo(1);
        assertThat(s.value("lamina_memory_budget_bytes", Map.of())).isPositive();
        assertThat(s.value("lamina_memory_claimed_bytes", Map.of())).isGreaterThanOrEqualTo(128L << 20);
        assertThat(s.find("lamina_async_queue_depth", Map.of("state", "waiting"))).isPresent();
        assertThat(s.value("lamina_store_transaction_seconds_count", Map.of("kind", "write", "outcome", "ok")))
                .isPositive();
        assertThat(s.find("jvm_memory_used_bytes", Map.of("area", "heap", "id", "G1 Eden Space"))
                .or(() -> s.samples().stream().filter(x -> x.name().equals("jvm_memory_used_bytes")).findFirst()
                        .map(Scrape.Sample::value))).isPresent();
    }

    static Map<String, String> with(Map<String, String> labels, String key, String value) {
        var out = new java.util.HashMap<>(labels);
        out.put(key, value);
        return out;
    }
}
