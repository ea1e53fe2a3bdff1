package dev.lamina.invoke;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Runtime API's streamed response over a real socket, written by hand as a runtime writes it:
 * chunked, over time, with the error trailers.
 */
class RuntimeApiStreamingTest {
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
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

    /** A runtime took invocation {@code id} with /next; the answer's future is returned. */
    CompletableFuture<RuntimeAnswer> inFlight(String id) throws Exception {
        CompletableFuture.runAsync(() -> send("GET", "/2018-06-01/runtime/invocation/next"));
        channel.init().get(5, TimeUnit.SECONDS);
        CompletableFuture<RuntimeAnswer> answer = channel.handOver(RuntimeApiServerTest.invocation(id));
        Thread.sleep(100); // the /next has its invocation
        return answer;
    }

    HttpResponse<String> send(String method, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.address() + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A streamed POST /response, its head written; write chunks with {@link #chunk}. */
    Socket openStream(String id) throws Exception {
        Socket socket = new Socket("127.0.0.1", Integer.parseInt(endpoint.address().split(":")[1]));
        write(socket, "POST /2018-06-01/runtime/invocation/" + id + "/response HTTP/1.1\r\nHost: runtime\r\n"
                + "Lambda-Runtime-Function-Response-Mode: streaming\r\nContent-Type: text/event-stream\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n");
        return socket;
    }

    static void chunk(Socket socket, String data) throws Exception {
        write(socket, Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n");
    }

    static void write(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String statusLine(Socket socket) throws Exception {
        socket.setSoTimeout(5000);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    static ResponseStream streamOf(CompletableFuture<RuntimeAnswer> answer) throws Exception {
        RuntimeAnswer a = answer.get(5, TimeUnit.SECONDS);
        assertThat(a).isInstanceOf(RuntimeAnswer.Streaming.class);
        return ((RuntimeAnswer.Streaming) a).stream();
    }

    static String text(ResponseStream.Piece piece) {
        assertThat(piece).isInstanceOf(ResponseStream.Data.class);
        return new String(((ResponseStream.Data) piece).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void eachChunkIsPassedOnBeforeTheNextIsWrittenAndTheEndFreesTheRuntimeForItsNextInvocation() throws Exception {
        CompletableFuture<RuntimeAnswer> answer = inFlight("s-1");
        try (Socket socket = openStream("s-1")) {
            chunk(socket, "data: one\n\n");
            ResponseStream stream = streamOf(answer);
            assertThat(stream.contentType()).isEqualTo("text/event-stream");
            assertThat(text(stream.poll(5 * SECOND))).isEqualTo("data: one\n\n");
            assertThat(stream.poll(SECOND / 5)).as("nothing more was written yet").isNull();
            assertThat(send("GET", "/2018-06-01/runtime/invocation/next").statusCode())
                    .as("the invocation is still being answered").isEqualTo(403);
            chunk(socket, "data: two\n\n");
            assertThat(text(stream.poll(5 * SECOND))).isEqualTo("data: two\n\n");
            write(socket, "0\r\n\r\n");
            assertThat(stream.poll(5 * SECOND)).isEqualTo(new ResponseStream.End(java.util.Optional.empty()));
            assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 202 Accepted");
        }
        CompletableFuture<HttpResponse<String>> next = CompletableFuture.supplyAsync(
                () -> send("GET", "/2018-06-01/runtime/invocation/next"));
        channel.handOver(RuntimeApiServerTest.invocation("s-2"));
        assertThat(next.get(5, TimeUnit.SECONDS).headers().firstValue("Lambda-Runtime-Aws-Request-Id"))
                .contains("s-2");
    }

    @Test
    void theErrorTrailersEndTheStreamWithTheDecodedErrorDocument() throws Exception {
        CompletableFuture<RuntimeAnswer> answer = inFlight("s-3");
        String document = "{\"errorType\":\"TypeError\",\"errorMessage\":\"late\"}";
        try (Socket socket = openStream("s-3")) {
            chunk(socket, "partial");
            write(socket, "0\r\nLambda-Runtime-Function-Error-Type: TypeError\r\nLambda-Runtime-Function-Error-Body: "
                    + Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n");
            ResponseStream stream = streamOf(answer);
            assertThat(text(stream.poll(5 * SECOND))).isEqualTo("partial");
            assertThat(stream.poll(5 * SECOND)).isInstanceOfSatisfying(ResponseStream.End.class, end -> {
                assertThat(end.error()).isPresent();
                assertThat(end.error().get().errorType()).isEqualTo("TypeError");
                assertThat(new String(end.error().get().payload(), StandardCharsets.UTF_8)).isEqualTo(document);
            });
            assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 202 Accepted");
        }
    }

    @Test
    void anErrorPostedWhileStreamingEndsTheStreamAndWhatFollowsIsDropped() throws Exception {
        CompletableFuture<RuntimeAnswer> answer = inFlight("s-4");
        try (Socket socket = openStream("s-4")) {
            chunk(socket, "before");
            ResponseStream stream = streamOf(answer);
            assertThat(text(stream.poll(5 * SECOND))).isEqualTo("before");
            HttpResponse<String> error = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.address()
                            + "/2018-06-01/runtime/invocation/s-4/error"))
                    .header("Lambda-Runtime-Function-Error-Type", "RangeError")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"errorType\":\"RangeError\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(error.statusCode()).isEqualTo(202);
            assertThat(stream.poll(5 * SECOND)).isInstanceOfSatisfying(ResponseStream.End.class,
                    end -> assertThat(end.error().orElseThrow().errorType()).isEqualTo("RangeError"));
            chunk(socket, "after");
            assertThat(stream.poll(SECOND / 5)).isNull();
        }
    }

    @Test
    void aConnectionThatBreaksMidStreamIsReportedAsBroken() throws Exception {
        CompletableFuture<RuntimeAnswer> answer = inFlight("s-5");
        ResponseStream stream;
        try (Socket socket = openStream("s-5")) {
            chunk(socket, "cut");
            stream = streamOf(answer);
            assertThat(text(stream.poll(5 * SECOND))).isEqualTo("cut");
        }
        assertThat(stream.poll(5 * SECOND)).isInstanceOf(ResponseStream.Broken.class);
    }

    @Test
    void aBodyPastTwentyMegabytesIsRefusedWith413() throws Exception {
        CompletableFuture<RuntimeAnswer> answer = inFlight("s-6");
        try (Socket socket = openStream("s-6")) {
            ResponseStream stream = null;
            String mb = "x".repeat(1024 * 1024);
            long received = 0;
            ResponseStream.Piece piece = null;
            for (int i = 0; i < 21; i++) {
                chunk(socket, mb);
                stream = stream == null ? streamOf(answer) : stream;
                // drain as a consumer would, so the producer never waits for room
                while ((piece = stream.poll(i < 20 ? SECOND / 20 : 5 * SECOND)) instanceof ResponseStream.Data d) {
                    received += d.bytes().length;
                }
                if (piece != null) {
                    break;
                }
            }
            assertThat(piece).isEqualTo(new ResponseStream.TooLarge(StreamedResponse.MAX_STREAMED_BYTES));
            assertThat(received).isLessThanOrEqualTo(StreamedResponse.MAX_STREAMED_BYTES);
            assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
    }
}
