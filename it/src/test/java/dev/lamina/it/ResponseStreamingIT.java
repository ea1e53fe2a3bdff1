package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ResponseStreamingInvocationType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lambda response streaming with real functions: Node.js handlers wrapped in
 * awslambda.streamifyResponse and a shell custom runtime that posts its response chunked, invoked
 * with the plain Invoke (the stream collected into the payload, as Lambda does) and with
 * InvokeWithResponseStream through the AWS SDK's asynchronous client (event stream over Netty).
 */
class ResponseStreamingIT extends ServerPerClass {
    static final String NODE = "stream-node";
    static LambdaAsyncClient async;

    @BeforeAll
    static void asyncClient() {
        async = LambdaAsyncClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterAll
    static void closeAsyncClient() {
        async.close();
    }

    /** One chunk as the client received it, and when. */
    record Arrival(long nanos, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** What InvokeWithResponseStream delivered: the response, each chunk on arrival, the completion. */
    record Streamed(InvokeWithResponseStreamResponse response, List<Arrival> chunks,
                    InvokeWithResponseStreamCompleteEvent complete, long endedNanos) {
        String body() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.forEach(c -> all.writeBytes(c.bytes()));
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    static Streamed stream(String function, String payload) throws Exception {
        return stream(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    static Streamed stream(Consumer<InvokeWithResponseStreamRequest.Builder> request) throws Exception {
        List<Arrival> chunks = new ArrayList<>();
        InvokeWithResponseStreamCompleteEvent[] complete = new InvokeWithResponseStreamCompleteEvent[1];
        InvokeWithResponseStreamResponse[] response = new InvokeWithResponseStreamResponse[1];
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .onResponse(r -> response[0] = r)
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(c -> {
                            synchronized (chunks) {
                                chunks.add(new Arrival(System.nanoTime(), c.payload().asByteArray()));
                            }
                        })
                        .onInvokeComplete(c -> complete[0] = c)
                        .build())
                .build();
        InvokeWithResponseStreamRequest.Builder b = InvokeWithResponseStreamRequest.builder();
        request.accept(b);
        async.invokeWithResponseStream(b.build(), handler).get(60, TimeUnit.SECONDS);
        return new Streamed(response[0], chunks, complete[0], System.nanoTime());
    }

    @BeforeAll
    static void deploy() {
        byte[] node = Packages.zip(Map.of("index.js", Packages.resource("fixtures/nodejs-stream/index.js", 0644)));
        for (String handler : new String[] {"chunks", "http", "pipe", "boom", "crash", "big", "plain"}) {
            Functions.create(lambda, NODE + "-" + handler, "nodejs20.x", "index." + handler, node, b -> b.timeout(10));
        }
        Functions.create(lambda, NODE + "-unended", "nodejs20.x", "index.unended", node, b -> b.timeout(2));
        Functions.create(lambda, NODE + "-throttled", "nodejs20.x", "index.chunks", node, b -> b.timeout(10));
        lambda.putFunctionConcurrency(b -> b.functionName(NODE + "-throttled").reservedConcurrentExecutions(0));
        Functions.create(lambda, "stream-exiting", "provided.al2023", "unused",
                Packages.zip(Map.of("bootstrap", Packages.resource("fixtures/provided-exit/bootstrap", 0755))),
                b -> b.timeout(10));
        Functions.create(lambda, "stream-custom", "provided.al2023", "unused",
                Packages.zip(Map.of("bootstrap", Packages.resource("fixtures/provided-stream/bootstrap", 0755))),
                b -> b.timeout(10));
    }

    @Test
    void aPlainInvokeOfAStreamingFunctionReturnsTheWholeBody() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-chunks", "{\"pauseMs\": 100}");
        assertThat(r.functionError()).isNull();
        assertThat(r.payload()).isEqualTo("first chunk;second chunk;last chunk");
        assertThat(r.log()).contains("REPORT RequestId: " + r.requestId());
        // The environment is reused: a second invocation answers as well.
        assertThat(Functions.invoke(lambda, NODE + "-chunks", "{\"pauseMs\": 0}").payload())
                .isEqualTo("first chunk;second chunk;last chunk");
    }

    @Test
    void aPlainInvokeOfAnHttpResponseStreamReturnsThePreludeTheDelimiterAndTheBody() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-http", "{}");
        byte[] bytes = r.response().payload().asByteArray();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        assertThat(nul).isPositive();
        assertThat(text.substring(0, nul))
                .isEqualTo("{\"statusCode\":201,\"headers\":{\"x-streamed\":\"yes\"},\"cookies\":[\"a=1\"]}");
        assertThat(text.substring(nul)).isEqualTo("\0\0\0\0\0\0\0\0hello world");
    }

    @Test
    void pipelineEndsTheResponse() {
        assertThat(Functions.invoke(lambda, NODE + "-pipe", "{}").payload()).isEqualTo("one two three");
    }

    @Test
    void anErrorAfterStreamingBeganIsTheInvocationsFunctionError() throws Exception {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-boom", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("TypeError");
        assertThat(r.json().path("errorMessage").asText()).isEqualTo("mid-stream boom");
        assertThat(r.log()).contains("Invoke Error");
        assertThat(Functions.invoke(lambda, NODE + "-boom", "{}").json().path("errorType").asText())
                .as("the environment survives").isEqualTo("TypeError");
    }

    @Test
    void anUncaughtExceptionWhileStreamingIsTheFunctionErrorAndTheNextInvocationWorks() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-crash", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("RangeError");
        assertThat(r.json().path("errorMessage").asText()).isEqualTo("uncaught while streaming");
        assertThat(Functions.invoke(lambda, NODE + "-crash", "{}").json().path("errorType").asText())
                .isEqualTo("RangeError");
    }

    @Test
    void aPlainInvokeKeepsTheBufferedSixMegabyteLimit() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-big", "{\"mb\": 7}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(Functions.invoke(lambda, NODE + "-big", "{\"mb\": 5}").response().payload().asByteArray())
                .hasSize(5 * 1024 * 1024);
    }

    @Test
    void aStreamThatIsNeverEndedLastsUntilTheTimeout() {
        Functions.Invocation r = Functions.invoke(lambda, NODE + "-unended", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("Sandbox.Timedout");
    }

    @Test
    void aCustomRuntimeStreamsThroughTheRuntimeApi() {
        Functions.Invocation r = Functions.invoke(lambda, "stream-custom", "{\"n\":1}");
        assertThat(r.functionError()).isNull();
        assertThat(r.payload()).isEqualTo("custom first;custom second;event {\"n\":1}");
    }

    @Test
    void aNonStreamingHandlerIsUnchanged() {
        assertThat(Functions.invoke(lambda, NODE + "-plain", "{\"a\":1}").payload())
                .isEqualTo("{\"plain\":true,\"event\":{\"a\":1}}");
    }

    // ---- InvokeWithResponseStream ---------------------------------------------------------------

    @Test
    void theFirstChunkReachesTheClientBeforeTheFunctionHasEnded() throws Exception {
        stream(NODE + "-chunks", "{\"pauseMs\": 0}"); // warm: the timing below is the stream's, not a cold start's
        Streamed s = stream(NODE + "-chunks", "{\"pauseMs\": 1500}");
        assertThat(s.response().statusCode()).isEqualTo(200);
        assertThat(s.response().executedVersion()).isEqualTo("$LATEST");
        assertThat(s.response().responseStreamContentType()).isEqualTo("application/vnd.amazon.eventstream");
        assertThat(s.chunks().getFirst().text()).isEqualTo("first chunk;");
        assertThat(s.body()).isEqualTo("first chunk;second chunk;last chunk");
        assertThat(Duration.ofNanos(s.chunks().getLast().nanos() - s.chunks().getFirst().nanos()))
                .as("the first chunk came while the function was still waiting")
                .isGreaterThan(Duration.ofMillis(1200));
        assertThat(s.complete()).isNotNull();
        assertThat(s.complete().errorCode()).isNull();
        assertThat(s.complete().logResult()).as("no tail unless asked for").isNull();
    }

    @Test
    void aCustomRuntimeStreamsChunkByChunk() throws Exception {
        stream("stream-custom", "{}"); // warm
        Streamed s = stream("stream-custom", "{\"n\":2}");
        assertThat(s.body()).isEqualTo("custom first;custom second;event {\"n\":2}");
        assertThat(s.chunks().getFirst().text()).isEqualTo("custom first;");
        assertThat(Duration.ofNanos(s.chunks().getLast().nanos() - s.chunks().getFirst().nanos()))
                .isGreaterThan(Duration.ofMillis(1200));
        assertThat(s.complete().errorCode()).isNull();
    }

    @Test
    void anErrorThrownMidStreamEndsWithInvokeCompleteCarryingIt() throws Exception {
        Streamed s = stream(b -> b.functionName(NODE + "-boom").logType("Tail"));
        assertThat(s.response().statusCode()).isEqualTo(200);
        assertThat(s.body()).isEqualTo("partial;");
        assertThat(s.complete().errorCode()).isEqualTo("TypeError");
        assertThat(s.complete().errorDetails()).isEqualTo("mid-stream boom");
        assertThat(new String(Base64.getDecoder().decode(s.complete().logResult()), StandardCharsets.UTF_8))
                .contains("Invoke Error").contains("REPORT RequestId: " + s.response().responseMetadata().requestId());
    }

    @Test
    void aTimeoutMidStreamEndsWithSandboxTimedout() throws Exception {
        Streamed s = stream(NODE + "-unended", "{}");
        assertThat(s.body()).isEqualTo("never ended;");
        assertThat(s.complete().errorCode()).isEqualTo("Sandbox.Timedout");
        assertThat(s.complete().errorDetails()).contains("Task timed out after 2.00 seconds");
    }

    @Test
    void aNonStreamingFunctionAnswersWithItsWholePayloadAsOneChunk() throws Exception {
        Streamed s = stream(NODE + "-plain", "{\"a\":1}");
        assertThat(s.chunks()).hasSize(1);
        assertThat(s.body()).isEqualTo("{\"plain\":true,\"event\":{\"a\":1}}");
        assertThat(s.complete().errorCode()).isNull();
    }

    @Test
    void anHttpResponseStreamArrivesWithItsPreludeAndDelimiter() throws Exception {
        Streamed s = stream(NODE + "-http", "{}");
        assertThat(s.body()).isEqualTo("{\"statusCode\":201,\"headers\":{\"x-streamed\":\"yes\"},\"cookies\":[\"a=1\"]}"
                + "\0\0\0\0\0\0\0\0hello world");
    }

    @Test
    void aStreamPastTwentyMegabytesIsCutAndReportedAsTooLarge() throws Exception {
        Streamed s = stream(NODE + "-big", "{\"mb\": 21}");
        long received = s.chunks().stream().mapToLong(c -> c.bytes().length).sum();
        assertThat(received).isGreaterThan(6L * 1024 * 1024).isLessThanOrEqualTo(20L * 1024 * 1024);
        assertThat(s.complete().errorCode()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(s.complete().errorDetails()).contains("20971520");
        Streamed next = stream(NODE + "-big", "{\"mb\": 1}");
        assertThat(next.chunks().stream().mapToLong(c -> c.bytes().length).sum()).isEqualTo(1024 * 1024);
        assertThat(next.complete().errorCode()).isNull();
    }

    @Test
    void errorsBeforeTheStreamBeginsAreLambdasOwn() {
        assertThatThrownBy(() -> stream("stream-missing", "{}"))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> stream(NODE + "-throttled", "{}"))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> stream(b -> b.functionName(NODE + "-chunks").payload(SdkBytes.fromUtf8String("{"))))
                .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("Could not parse request body");
    }

    @Test
    void aDryRunOnlyChecks() throws Exception {
        Streamed s = stream(b -> b.functionName(NODE + "-chunks")
                .invocationType(ResponseStreamingInvocationType.DRY_RUN));
        assertThat(s.response().statusCode()).isEqualTo(204);
        assertThat(s.chunks()).isEmpty();
    }

    @Test
    void aClientThatGoesAwayLeavesTheFunctionToFinishAndItsEnvironmentIsReused() throws Exception {
        stream(NODE + "-pipe", "{}"); // warm: one environment, idle
        byte[] payload = "{\"pauseMs\": 300}".getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = new RawHttp(server.endpoint()).request("POST",
                "/2021-11-15/functions/" + NODE + "-pipe/response-streaming-invocations", payload).build();
        java.net.http.HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.amazon.eventstream");
        assertThat(r.headers().firstValue("X-Amz-Executed-Version")).contains("$LATEST");
        try (java.io.InputStream in = r.body()) {
            byte[] prelude = in.readNBytes(12);
            int total = java.nio.ByteBuffer.wrap(prelude).getInt();
            String frame = new String(in.readNBytes(total - 12), StandardCharsets.ISO_8859_1);
            assertThat(frame).contains(":event-type").contains("PayloadChunk").contains("one ");
        } // the client goes away mid-stream; the function goes on for about 0.9 s
        Thread.sleep(1500);
        Functions.Invocation next = Functions.invoke(lambda, NODE + "-pipe", "{}");
        assertThat(next.payload()).isEqualTo("one two three");
        assertThat(next.log()).as("the same environment, warm again").doesNotContain("Init Duration");
    }

    @Test
    void anInvocationHandedToARuntimeThatExitsBeforeTakingItRunsInAFreshEnvironment() {
        assertThat(Functions.invoke(lambda, "stream-exiting", "{}").payload()).isEqualTo("\"answered, then gone\"");
        // The environment is idle but its runtime will exit without asking for this invocation.
        Functions.Invocation second = Functions.invoke(lambda, "stream-exiting", "{}");
        assertThat(second.functionError()).isNull();
        assertThat(second.payload()).isEqualTo("\"answered, then gone\"");
        assertThat(second.log()).as("a cold start").contains("Init Duration");
    }
}
