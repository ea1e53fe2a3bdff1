package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Function URLs as a user reaches them: the real curl at the host-style URL that
 * CreateFunctionUrlConfig answered ({@code http://<id>.lambda-url.us-east-1.localhost:<port>/}, no
 * DNS set-up) and java.net.http at the path-style one ({@code /_aws/lambda-url/<id>/…}); the event
 * as real node and python functions saw it, the response mapping, Lambda's error answers, CORS.
 */
class FunctionUrlIT extends ServerPerClass {
    static String echoUrl;
    static String echoId;
    static String pythonId;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void deploy() {
        Functions.create(lambda, "url-echo", "nodejs20.x", "index.handler",
                Packages.zip(Map.of("index.js", Packages.resource("fixtures/url-node/index.js", 0644))), b -> { });
        Functions.create(lambda, "url-py", "python3.12", "app.handler",
                Packages.zip(Map.of("app.py", Packages.resource("fixtures/url-python/app.py", 0644))), b -> { });
        echoUrl = publicUrl(lambda, "url-echo");
        echoId = idOf(echoUrl);
        pythonId = idOf(publicUrl(lambda, "url-py"));
    }

    /** A URL with AuthType NONE and the two statements Lambda requires for public access; its address. */
    static String publicUrl(LambdaClient lambda, String function) {
        String url = lambda.createFunctionUrlConfig(b -> b.functionName(function).authType(FunctionUrlAuthType.NONE))
                .functionUrl();
        grantPublic(lambda, function);
        return url;
    }

    static void grantPublic(LambdaClient lambda, String function) {
        lambda.addPermission(b -> b.functionName(function).statementId("public-url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        lambda.addPermission(b -> b.functionName(function).statementId("public-invoke").action("lambda:InvokeFunction")
                .principal("*").invokedViaFunctionUrl(true));
    }

    static String idOf(String url) {
        return URI.create(url).getHost().split("\\.")[0];
    }

    /** The path-style address of a URL: always reachable, whatever the resolver. */
    static URI pathStyle(String id, String pathAndQuery) {
        return server.endpoint().resolve("/_aws/lambda-url/" + id + pathAndQuery);
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void curlReachesTheHostStyleUrlAndTheFunctionSeesAPayload20Event() throws Exception {
        UrlCurl.Response r = UrlCurl.run("-X", "POST", echoUrl + "some/pa%2Fth?a=1&a=2&b=x%20y&flag",
                "-H", "Content-Type: application/json", "-H", "X-Repeat: one", "-H", "X-Repeat: two",
                "-H", "Cookie: session=abc; theme=dark", "-A", "curl-test/1.0", "--data-binary", "{\"k\":\"v\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-amzn-RequestId")).isPresent();
        JsonNode event = Functions.JSON.readTree(r.body());
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("$default");
        assertThat(event.path("rawPath").asText()).isEqualTo("/some/pa%2Fth");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y&flag");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"session=abc\",\"theme=dark\"]");
        assertThat(event.path("headers").path("x-repeat").asText()).isEqualTo("one,two");
        assertThat(event.path("headers").path("content-type").asText()).isEqualTo("application/json");
        assertThat(event.path("headers").has("cookie")).isFalse();
        assertThat(event.path("headers").path("host").asText())
                .isEqualTo(echoId + ".lambda-url.us-east-1.localhost:" + server.endpoint().getPort());
        assertThat(event.path("queryStringParameters").path("a").asText()).isEqualTo("1,2");
        assertThat(event.path("queryStringParameters").path("b").asText()).isEqualTo("x y");
        assertThat(event.path("queryStringParameters").path("flag").asText()).isEmpty();
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("anonymous");
        assertThat(context.path("apiId").asText()).isEqualTo(echoId);
        assertThat(context.path("domainName").asText()).isEqualTo(echoId + ".lambda-url.us-east-1.localhost");
        assertThat(context.path("domainPrefix").asText()).isEqualTo(echoId);
        assertThat(context.path("http").path("method").asText()).isEqualTo("POST");
        assertThat(context.path("http").path("path").asText()).isEqualTo("/some/pa%2Fth");
        assertThat(context.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("http").path("userAgent").asText()).isEqualTo("curl-test/1.0");
        assertThat(context.path("requestId").asText()).isEqualTo(r.header("x-amzn-RequestId").orElseThrow());
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.path("timeEpoch").asLong()).isBetween(System.currentTimeMillis() - 60_000,
                System.currentTimeMillis());
        assertThat(event.path("body").asText()).isEqualTo("{\"k\":\"v\"}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void thePathStyleUrlReachesTheSameFunction() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(pathStyle(echoId, "/items/7?x=1")));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode event = Functions.JSON.readTree(r.body());
        assertThat(event.path("rawPath").asText()).isEqualTo("/items/7");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("x=1");
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("GET");
        assertThat(event.path("requestContext").path("domainName").asText())
                .isEqualTo(echoId + ".lambda-url.us-east-1.localhost");
        assertThat(event.has("body")).isFalse();
        assertThat(send(HttpRequest.newBuilder(pathStyle(echoId, ""))).statusCode()).as("the bare prefix is /")
                .isEqualTo(200);
    }

    @Test
    void aFormPostAndBinaryBodiesArriveBase64Encoded() throws Exception {
        UrlCurl.Response form = UrlCurl.run(echoUrl, "-d", "a=1&b=two");
        JsonNode event = Functions.JSON.readTree(form.body());
        assertThat(event.path("headers").path("content-type").asText()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo("a=1&b=two");

        byte[] binary = {0, (byte) 0xff, 1, (byte) 0xfe};
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(pathStyle(echoId, "/bin"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(binary)));
        JsonNode binEvent = Functions.JSON.readTree(r.body());
        assertThat(binEvent.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binEvent.path("body").asText())).isEqualTo(binary);
    }

    @Test
    void theFunctionsResponseIsMappedAsLambdaMapsIt() throws Exception {
        UrlCurl.Response cookies = UrlCurl.run(echoUrl + "cookies");
        assertThat(cookies.status()).isEqualTo(201);
        assertThat(cookies.header("content-type")).contains("text/plain");
        assertThat(cookies.header("x-custom")).contains("v");
        assertThat(cookies.headerValues("x-multi")).containsExactly("a", "b");
        assertThat(cookies.headerValues("set-cookie")).containsExactly("session=abc; Path=/; HttpOnly", "theme=dark");
        assertThat(cookies.text()).isEqualTo("with cookies");

        UrlCurl.Response binary = UrlCurl.run(echoUrl + "binary");
        assertThat(binary.header("content-type")).contains("application/octet-stream");
        assertThat(binary.body()).containsExactly(0, 1, 2, 253, 254, 255);

        UrlCurl.Response bare = UrlCurl.run(echoUrl + "bare");
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.header("content-type")).contains("application/json");
        assertThat(bare.text()).isEqualTo("{\"hello\":\"world\"}");

        assertThat(UrlCurl.run(echoUrl + "string").text()).isEqualTo("hello");
    }

    @Test
    void aFailingFunctionOrAnAnswerThatIsNoResponseIs502() {
        for (String path : new String[]{"error", "invalid", "big"}) {
            UrlCurl.Response r = UrlCurl.run(echoUrl + path);
            assertThat(r.status()).as(path).isEqualTo(502);
            assertThat(r.text()).as(path).isEqualTo("Internal Server Error");
            assertThat(r.header("x-amzn-RequestId")).as(path).isPresent();
        }
        assertThat(UrlCurl.run(echoUrl).status()).as("the URL still serves").isEqualTo(200);
    }

    @Test
    void aThrottledFunctionIs429AndATimedOutOne502() {
        Functions.create(lambda, "url-limits", "nodejs20.x", "index.handler",
                Packages.zip(Map.of("index.js", Packages.resource("fixtures/url-node/index.js", 0644))),
                b -> b.timeout(1));
        String url = publicUrl(lambda, "url-limits");

        UrlCurl.Response timedOut = UrlCurl.run(url + "sleep");
        assertThat(timedOut.status()).isEqualTo(502);
        assertThat(timedOut.text()).isEqualTo("Internal Server Error");

        lambda.putFunctionConcurrency(b -> b.functionName("url-limits").reservedConcurrentExecutions(0));
        UrlCurl.Response throttled = UrlCurl.run(url);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("x-amzn-ErrorType")).contains("TooManyRequestsException");
        lambda.deleteFunctionConcurrency(b -> b.functionName("url-limits"));
        assertThat(UrlCurl.run(url).status()).isEqualTo(200);
    }

    @Test
    void aPythonFunctionSeesTheRequestIdOfTheAnswer() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(pathStyle(pythonId, "/py?lang=python"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("héllo")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-runtime")).contains("python");
        JsonNode answer = Functions.JSON.readTree(r.body());
        assertThat(answer.path("requestId").asText()).isEqualTo(r.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(answer.path("event").path("body").asText()).isEqualTo("héllo");
        assertThat(answer.path("event").path("queryStringParameters").path("lang").asText()).isEqualTo("python");
    }

    @Test
    void oddRequestsReachTheFunctionAsSentAndLeaveTheServerUp() throws Exception {
        UrlCurl.Response brew = UrlCurl.run("-X", "BREW", echoUrl + "pot?%=%zz&&=&a=%E2%82%AC",
                "-H", "Content-Type: ;;;", "-H", "Cookie:", "-H", "X-Empty;", "--data-binary", "raw");
        assertThat(brew.status()).isEqualTo(200);
        JsonNode event = Functions.JSON.readTree(brew.body());
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("BREW");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("%=%zz&&=&a=%E2%82%AC");
        assertThat(event.path("queryStringParameters").path("a").asText()).isEqualTo("\u20ac");
        assertThat(event.path("queryStringParameters").path("%").asText()).isEqualTo("%zz");
        assertThat(event.path("headers").path("x-empty").asText()).isEmpty();
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.has("cookies")).isFalse();
        assertThat(UrlCurl.run(echoUrl).status()).isEqualTo(200);
    }

    @Test
    void anUnknownUrlIdIsLambdasForbidden() {
        UrlCurl.Response r = UrlCurl.run("http://0123456789abcdefghijklmnopqrstuv.lambda-url.us-east-1.localhost:"
                + server.endpoint().getPort() + "/");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).isEqualTo("{\"Message\":null}");
        assertThat(r.header("x-amzn-ErrorType")).contains("AccessDeniedException");
        assertThat(r.header("content-type")).contains("application/json");
    }

    @Test
    void aBodyBeyondSixMegabytesIs413() throws Exception {
        byte[] big = new byte[6 * 1024 * 1024];
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(pathStyle(echoId, "/"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains("RequestTooLargeException");
    }

    @Test
    void corsIsAnsweredByLambdaAndUpdatesApplyToTheNextRequest() throws Exception {
        Functions.create(lambda, "url-cors", "nodejs20.x", "index.handler",
                Packages.zip(Map.of("index.js", Packages.resource("fixtures/url-node/index.js", 0644))), b -> { });
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("url-cors").authType(FunctionUrlAuthType.NONE)
                .cors(c -> c.allowOrigins("https://app.example").allowMethods("GET", "POST")
                        .allowHeaders("x-token").exposeHeaders("x-custom").maxAge(600).allowCredentials(true)))
                .functionUrl();
        grantPublic(lambda, "url-cors");

        UrlCurl.Response preflight = UrlCurl.run("-X", "OPTIONS", url + "cors", "-H", "Origin: https://app.example",
                "-H", "Access-Control-Request-Method: POST", "-H", "Access-Control-Request-Headers: X-Token");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("access-control-allow-origin")).contains("https://app.example");
        assertThat(preflight.header("access-control-allow-methods")).contains("GET,POST");
        assertThat(preflight.header("access-control-allow-headers")).contains("x-token");
        assertThat(preflight.header("access-control-max-age")).contains("600");
        assertThat(preflight.header("access-control-allow-credentials")).contains("true");
        assertThat(preflight.body()).isEmpty();

        UrlCurl.Response other = UrlCurl.run("-X", "OPTIONS", url, "-H", "Origin: https://evil.example",
                "-H", "Access-Control-Request-Method: POST");
        assertThat(other.header("access-control-allow-origin")).isEmpty();

        UrlCurl.Response get = UrlCurl.run(url + "cors", "-H", "Origin: https://app.example");
        assertThat(get.text()).isEqualTo("cors");
        assertThat(get.headerValues("access-control-allow-origin")).as("the configuration's, not the function's")
                .containsExactly("https://app.example");
        assertThat(get.header("access-control-expose-headers")).contains("x-custom");

        lambda.updateFunctionUrlConfig(b -> b.functionName("url-cors").cors(Cors.builder().allowOrigins("*").build()));
        UrlCurl.Response after = UrlCurl.run(url, "-H", "Origin: https://elsewhere.example");
        assertThat(after.header("access-control-allow-origin")).contains("*");

        lambda.updateFunctionUrlConfig(b -> b.functionName("url-cors").authType(FunctionUrlAuthType.AWS_IAM));
        assertThat(UrlCurl.run(url).status()).as("AWS_IAM now: unsigned is refused").isEqualTo(403);
        lambda.deleteFunctionUrlConfig(b -> b.functionName("url-cors"));
        assertThat(UrlCurl.run(url).text()).isEqualTo("{\"Message\":null}");
    }
}
