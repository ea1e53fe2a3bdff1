package dev.lamina.invoke;

import dev.lamina.model.TraceHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runtime API 2018-06-01 over real HTTP, as a runtime sees it. */
class RuntimeApiServerTest {
    RuntimeApiServer server;
    RuntimeChannel channel;
    RuntimeApiServer.Endpoint endpoint;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void open() throws Exception {
        server = new RuntimeApiServer("127.0.0.1");
        channel = new RuntimeChannel();
        endpoint = server.open(channel);
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.address() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String errorType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + endpoint.address() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            b.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    static Invocation invocation(String id) {
        return new Invocation(id, "{\"k\":1}".getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L,
                "arn:aws:lambda:us-east-1:000000000000:function:f", Optional.of("{\"c\":1}"), TraceHeader.parse(TRACE));
    }

    @Test
    void nextWaitsForAnInvocationAndCarriesEveryHeader() throws Exception {
        CompletableFuture<HttpResponse<String>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/2018-06-01/runtime/invocation/next");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(channel.init().get(5, TimeUnit.SECONDS)).as("the first /next ends init").isEmpty();
        CompletableFuture<RuntimeAnswer> answer = channel.handOver(invocation("id-1"));
        HttpResponse<String> r = next.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"k\":1}");
        assertThat(r.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).contains("id-1");
        assertThat(r.headers().firstValue("Lambda-Runtime-Deadline-Ms")).contains("1700000000000");
        assertThat(r.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .contains("arn:aws:lambda:us-east-1:000000000000:function:f");
        assertThat(r.headers().firstValue("Lambda-Runtime-Trace-Id")).contains(TRACE);
        assertThat(r.headers().firstValue("Lambda-Runtime-Client-Context")).contains("{\"c\":1}");

        HttpResponse<String> accepted = post("/2018-06-01/runtime/invocation/id-1/response", "\"done\"", null);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo("{\"status\":\"OK\"}");
        assertThat(answer.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RuntimeAnswer.Response.class,
                a -> assertThat(new String(a.payload(), StandardCharsets.UTF_8)).isEqualTo("\"done\""));
    }

    @Test
    void anAnswerForAnUnknownOrFinishedInvocationIsAnInvalidRequestId() throws Exception {
        HttpResponse<String> unknown = post("/2018-06-01/runtime/invocation/nope/response", "{}", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"errorType\":\"InvalidRequestID\"");

        CompletableFuture.runAsync(() -> {
            try {
                get("/2018-06-01/runtime/invocation/next");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        channel.init().get(5, TimeUnit.SECONDS);
        CompletableFuture<RuntimeAnswer> answer = channel.handOver(invocation("id-2"));
        Thread.sleep(200);
        assertThat(post("/2018-06-01/runtime/invocation/id-2/error", "{\"errorType\":\"E\"}", "E").statusCode())
                .isEqualTo(202);
        assertThat(answer.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RuntimeAnswer.Error.class,
                e -> assertThat(e.errorType()).isEqualTo("E"));
        assertThat(post("/2018-06-01/runtime/invocation/id-2/response", "{}", null).statusCode())
                .as("a second answer").isEqualTo(400);
    }

    @Test
    void anInitErrorIsTakenOnlyBeforeTheFirstNext() throws Exception {
        HttpResponse<String> r = post("/2018-06-01/runtime/init/error", "{\"errorType\":\"Runtime.X\"}", "Runtime.X");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(channel.init().get(1, TimeUnit.SECONDS)).hasValueSatisfying(e ->
                assertThat(e.errorType()).isEqualTo("Runtime.X"));
        HttpResponse<String> again = post("/2018-06-01/runtime/init/error", "{}", "Runtime.Y");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("InvalidStateTransition");
    }

    @Test
    void aResponseOverTheLimitIs413AndTheInvocationLearnsIt() throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                get("/2018-06-01/runtime/invocation/next");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        channel.init().get(5, TimeUnit.SECONDS);
        CompletableFuture<RuntimeAnswer> answer = channel.handOver(invocation("id-3"));
        Thread.sleep(200);
        HttpResponse<String> r = post("/2018-06-01/runtime/invocation/id-3/response",
                "x".repeat(RuntimeApiServer.MAX_RESPONSE_BYTES + 1), null);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("RequestEntityTooLarge").contains("6291556");
        assertThat(answer.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeAnswer.TooLarge.class);
        // The Java runtime interface client reports the refusal as an error, and exits if that is refused.
        assertThat(post("/2018-06-01/runtime/invocation/id-3/error", "{\"errorType\":\"x\"}", "x").statusCode())
                .isEqualTo(202);
        assertThat(post("/2018-06-01/runtime/invocation/id-3/error", "{}", null).statusCode())
                .as("only once").isEqualTo(400);
    }

    @Test
    void unknownRoutesAre404AndAClosedChannelEndsNext() throws Exception {
        assertThat(get("/2018-06-01/runtime/nothing").statusCode()).isEqualTo(404);
        CompletableFuture<HttpResponse<String>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/2018-06-01/runtime/invocation/next");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        channel.init().get(5, TimeUnit.SECONDS);
        channel.close();
        assertThat(next.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
    }

    @Test
    void anEndpointAnswersOnlyForItsOwnEnvironment() throws Exception {
        RuntimeChannel other = new RuntimeChannel();
        RuntimeApiServer.Endpoint otherEndpoint = server.open(other);
        assertThat(otherEndpoint.address()).isNotEqualTo(endpoint.address());
        post("/2018-06-01/runtime/init/error", "{}", "Runtime.Mine");
        assertThat(other.init().isDone()).as("the other environment heard nothing").isFalse();
        server.close(otherEndpoint);
    }
}
