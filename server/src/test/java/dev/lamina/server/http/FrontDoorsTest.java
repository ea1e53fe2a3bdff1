package dev.lamina.server.http;

import dev.lamina.gateway.web.WebFront;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebResponder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front doors through a real Jetty and ApiHandler: which front gets a request, what it sees of
 * it, and how its answers reach the client. The fronts are recorders, below the edge under test.
 */
class FrontDoorsTest {
    private static final AtomicReference<WebRequest> URLS_SAW = new AtomicReference<>();
    private static final AtomicReference<WebRequest> APIS_SAW = new AtomicReference<>();
    /** What the fronts do with a request, by the first segment of its rawPath. */
    private static final CountDownLatch RELEASE_LAST_CHUNK = new CountDownLatch(1);
    private static EdgeServer server;

    @BeforeAll
    static void start() throws Exception {
        FrontDoors fronts = new FrontDoors(front(URLS_SAW), front(APIS_SAW), Clock.systemUTC());
        ApiHandler handler = new ApiHandler(new Router(List.of()), r -> {
            throw new AssertionError("not an API request");
        }, null, Set.of(), new JsonProtocol(List.of(), null), new QueryProtocol(List.of(), null),
                Optional.of(fronts), Optional.empty());
        server = new EdgeServer(handler);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static WebFront front(AtomicReference<WebRequest> saw) {
        return (request, responder) -> {
            saw.set(request);
            switch (request.rawPath()) {
                case "/boom" -> throw new IllegalStateException("a bug in a front");
                case "/stream" -> stream(responder);
                case "/hostile" -> responder.send(200, List.of(new WebRequest.Header("Transfer-Encoding", "chunked"),
                        new WebRequest.Header("Content-Length", "1"), new WebRequest.Header("Connection", "close"),
                        new WebRequest.Header("X-Split", "a\r\nInjected: 1"), new WebRequest.Header("Bad Name", "v"),
                        new WebRequest.Header("X-Fine", "ok")), "hello".getBytes(StandardCharsets.UTF_8));
                default -> responder.send(201, List.of(new WebRequest.Header("Content-Type", "text/plain"),
                        new WebRequest.Header("Set-Cookie", "a=1"), new WebRequest.Header("Set-Cookie", "b=2")),
                        ("seen " + request.frontId()).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static void stream(WebResponder responder) throws java.io.IOException, InterruptedException {
        try (OutputStream out = responder.stream(200, List.of(new WebRequest.Header("Content-Type", "text/plain")))) {
            out.write("first".getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!RELEASE_LAST_CHUNK.await(10, TimeUnit.SECONDS)) {
                out.write("late".getBytes(StandardCharsets.UTF_8));
                return;
            }
            out.write("last".getBytes(StandardCharsets.UTF_8));
        }
    }

    private RawClient.Response request(String requestLine, String host, List<String> headers, byte[] body)
            throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            List<String> head = new java.util.ArrayList<>(List.of(requestLine, "Host: " + host));
            head.addAll(headers);
            client.send(head, body);
            return client.readResponse();
        }
    }

    @Test
    void aFunctionUrlHostReachesFunctionUrlsWithTheRequestAsSent() throws Exception {
        RawClient.Response answer = request("POST /a/b%2Fc?x=1&x=2&y=%20 HTTP/1.1",
                "AbC123.Lambda-Url.us-east-1.localhost:" + server.port(),
                List.of("x-lower: one", "X-Repeated: 1", "X-Repeated: 2", "Content-Type: application/json"),
                "{\"k\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.head().status()).isEqualTo(201);
        assertThat(answer.text()).isEqualTo("seen abc123");
        assertThat(answer.head().values("Set-Cookie")).containsExactly("a=1", "b=2");
        WebRequest seen = URLS_SAW.get();
        assertThat(seen.frontId()).isEqualTo("abc123");
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.rawPath()).isEqualTo("/a/b%2Fc");
        assertThat(seen.rawQuery()).isEqualTo("x=1&x=2&y=%20");
        assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":1}");
        assertThat(seen.headers()).extracting(WebRequest.Header::name)
                .containsSubsequence("x-lower", "X-Repeated", "X-Repeated", "Content-Type");
        assertThat(seen.headerValues("x-repeated")).containsExactly("1", "2");
        assertThat(seen.sourceIp()).isEqualTo("127.0.0.1");
        assertThat(seen.protocol()).isEqualTo("HTTP/1.1");
        assertThat(seen.requestId()).isNotEmpty();
    }

    @Test
    void executeApiHostsWithAndWithoutARegionReachExecuteApi() throws Exception {
        assertThat(request("GET /prod/items/7 HTTP/1.1", "api1234567.execute-api.localhost:9070", List.of(),
                new byte[0]).text()).isEqualTo("seen api1234567");
        assertThat(APIS_SAW.get().rawPath()).isEqualTo("/prod/items/7");
        assertThat(request("GET / HTTP/1.1", "xyz.execute-api.eu-west-1.localhost", List.of(), new byte[0]).text())
                .isEqualTo("seen xyz");
        assertThat(APIS_SAW.get().rawPath()).isEqualTo("/");
    }

    @Test
    void pathStyleAddressesWorkOnAnyHost() throws Exception {
        assertThat(request("GET /_aws/lambda-url/u1/x/./y?q HTTP/1.1", "127.0.0.1", List.of(), new byte[0]).text())
                .isEqualTo("seen u1");
        assertThat(URLS_SAW.get().rawPath()).isEqualTo("/x/./y");
        assertThat(URLS_SAW.get().rawQuery()).isEqualTo("q");
        assertThat(request("DELETE /_aws/execute-api/a1 HTTP/1.1", "localhost", List.of(), new byte[0]).text())
                .isEqualTo("seen a1");
        assertThat(APIS_SAW.get().rawPath()).isEqualTo("/");
        assertThat(APIS_SAW.get().method()).isEqualTo("DELETE");
    }

    @Test
    void aSignedLambdaScopeOnAFunctionUrlHostStillReachesTheFunctionUrl() throws Exception {
        String auth = "Authorization: AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/lambda/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc";
        assertThat(request("GET /2015-03-31/functions/ HTTP/1.1", "u2.lambda-url.us-east-1.localhost",
                List.of(auth, "X-Amz-Date: 20260101T000000Z"), new byte[0]).text()).isEqualTo("seen u2");
        assertThat(URLS_SAW.get().rawPath()).isEqualTo("/2015-03-31/functions/");
    }

    @Test
    void ambiguousPathsReachFrontDoorsButNoApiRoute() throws Exception {
        assertThat(request("GET /_aws/lambda-url/u6/a/%2e%2e//b;c HTTP/1.1", "127.0.0.1", List.of(), new byte[0])
                .text()).isEqualTo("seen u6");
        assertThat(URLS_SAW.get().rawPath()).isEqualTo("/a/%2e%2e//b;c");
        assertThat(request("GET /2015-03-31/functions/a%2Fb HTTP/1.1", "127.0.0.1", List.of(), new byte[0])
                .head().status()).isEqualTo(404);
    }

    @Test
    void headersThatWouldBreakTheFramingNeverGoOut() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(List.of("GET /hostile HTTP/1.1", "Host: u7.lambda-url.us-east-1.localhost"), new byte[0]);
            RawClient.Response answer = client.readResponse();
            assertThat(answer.text()).isEqualTo("hello");
            assertThat(answer.head().values("Content-Length")).containsExactly("5");
            assertThat(answer.head().values("Transfer-Encoding")).isEmpty();
            assertThat(answer.head().values("Injected")).isEmpty();
            assertThat(answer.head().values("X-Split")).isEmpty();
            assertThat(answer.head().values("X-Fine")).containsExactly("ok");
            // the connection is still usable: the framing held
            client.send(List.of("GET /fine HTTP/1.1", "Host: u7.lambda-url.us-east-1.localhost"), new byte[0]);
            assertThat(client.readResponse().head().status()).isEqualTo(201);
        }
    }

    @Test
    void aFailingFrontIsA500AndTheServerGoesOn() throws Exception {
        RawClient.Response answer = request("GET /boom HTTP/1.1", "u3.lambda-url.us-east-1.localhost", List.of(),
                new byte[0]);
        assertThat(answer.head().status()).isEqualTo(500);
        assertThat(answer.text()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(request("GET /fine HTTP/1.1", "u3.lambda-url.us-east-1.localhost", List.of(), new byte[0])
                .head().status()).isEqualTo(201);
    }

    @Test
    void aBodyOverTenMegabytesIs413AndTheConnectionStaysUsable() throws Exception {
        byte[] big = new byte[WebRequest.MAX_BODY_BYTES + 1];
        try (RawClient client = new RawClient(server.port())) {
            client.send(List.of("POST /big HTTP/1.1", "Host: u4.lambda-url.us-east-1.localhost"), big);
            RawClient.Response answer = client.readResponse();
            assertThat(answer.head().status()).isEqualTo(413);
            assertThat(answer.text()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        }
        byte[] limit = new byte[WebRequest.MAX_BODY_BYTES];
        RawClient.Response ok = request("POST /fine HTTP/1.1", "u4.lambda-url.us-east-1.localhost", List.of(), limit);
        assertThat(ok.head().status()).isEqualTo(201);
        assertThat(URLS_SAW.get().body()).hasSize(WebRequest.MAX_BODY_BYTES);
    }

    @Test
    void aStreamedAnswerReachesTheClientChunkByChunkWhileTheFrontStillWrites() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(List.of("GET /stream HTTP/1.1", "Host: u5.lambda-url.us-east-1.localhost"), new byte[0]);
            RawClient.Head head = client.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.chunked()).isTrue();
            // The front is blocked until this test releases it: the first chunk came before the last was written.
            assertThat(new String(client.readChunk(), StandardCharsets.UTF_8)).isEqualTo("first");
            RELEASE_LAST_CHUNK.countDown();
            assertThat(new String(client.readChunk(), StandardCharsets.UTF_8)).isEqualTo("last");
            assertThat(client.readChunk()).isEmpty();
        }
    }
}
