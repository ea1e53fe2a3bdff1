package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeMode;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * InvokeMode RESPONSE_STREAM: node's {@code awslambda.streamifyResponse} handlers behind function
 * URLs. The first chunk reaches the client (java.net.http, reading as it arrives) while the function
 * still runs; {@code awslambda.HttpResponseStream.from} sets the status, headers and cookies; a
 * function that does not stream is answered whole, as from a buffered URL.
 */
class FunctionUrlStreamingIT extends ServerPerClass {
    static final Map<String, String> URLS = new HashMap<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void deploy() {
        byte[] node = Packages.zip(Map.of("index.js", Packages.resource("fixtures/nodejs-stream/index.js", 0644)));
        for (String handler : new String[]{"chunks", "http", "boom", "plain"}) {
            String name = "stream-url-" + handler;
            Functions.create(lambda, name, "nodejs20.x", "index." + handler, node, b -> b.timeout(10));
            String url = lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.NONE)
                    .invokeMode(InvokeMode.RESPONSE_STREAM)).functionUrl();
            FunctionUrlIT.grantPublic(lambda, name);
            URLS.put(handler, FunctionUrlIT.idOf(url));
        }
    }

    @Test
    void theFirstChunkArrivesBeforeTheFunctionEnds() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(FunctionUrlIT.pathStyle(URLS.get("chunks"), "/"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("text/plain");
        try (InputStream body = r.body()) {
            byte[] first = body.readNBytes("first chunk;".length());
            long firstAt = System.nanoTime();
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first chunk;");
            String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            long endAt = System.nanoTime();
            assertThat(rest).isEqualTo("second chunk;last chunk");
            assertThat((endAt - firstAt) / 1_000_000).as("ms between the first chunk and the end (the function pauses 1.5 s)")
                    .isGreaterThan(1000);
            assertThat((firstAt - start) / 1_000_000).as("ms to the first chunk").isLessThan(endAt - start);
        }
    }

    @Test
    void curlSeesTheStreamedBodyWhole() {
        UrlCurl.Response r = UrlCurl.run("--no-buffer", "http://" + URLS.get("chunks") + ".lambda-url.us-east-1.localhost:"
                + server.endpoint().getPort() + "/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("transfer-encoding")).contains("chunked");
        assertThat(r.text()).isEqualTo("first chunk;second chunk;last chunk");
    }

    @Test
    void anHttpResponseStreamSetsStatusHeadersAndCookies() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(FunctionUrlIT.pathStyle(URLS.get("http"), "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("x-streamed")).contains("yes");
        assertThat(r.headers().allValues("set-cookie")).containsExactly("a=1");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.body()).isEqualTo("hello world");
    }

    @Test
    void anErrorMidStreamCutsTheBodyShort() {
        UrlCurl.Response r = UrlCurl.run(FunctionUrlIT.pathStyle(URLS.get("boom"), "/").toString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("partial;");
    }

    @Test
    void aFunctionThatDoesNotStreamIsAnsweredWhole() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(FunctionUrlIT.pathStyle(URLS.get("plain"), "/p")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/json");
        assertThat(Functions.JSON.readTree(r.body()).path("event").path("rawPath").asText()).isEqualTo("/p");
    }
}
