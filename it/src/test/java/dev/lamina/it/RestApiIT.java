package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployed REST APIs served to java.net.http and the real curl, host style
 * ({@code <api-id>.execute-api.localhost}) and path style ({@code /_aws/execute-api/<api-id>/…}),
 * with real node and python functions behind them.
 */
class RestApiIT extends ServerPerClass {
    static ApiGatewayClient api;
    static String apiId;
    static String rootId;

    @TempDir
    Path tmp;

    @BeforeAll
    static void deploy() {
        api = RestApiTesting.apiGateway(server.endpoint());
        Functions.create(lambda, "rest-node", "nodejs20.x", "echo.handler", RestApiTesting.nodeEcho(),
                b -> b.timeout(10));
        Functions.create(lambda, "rest-python", "python3.12", "echo.handler", RestApiTesting.pythonEcho(), b -> { });
        Functions.create(lambda, "rest-noperm", "nodejs20.x", "echo.handler", RestApiTesting.nodeEcho(), b -> { });
        apiId = api.createRestApi(b -> b.name("echo").binaryMediaTypes("image/png")).id();
        rootId = api.getRestApi(b -> b.restApiId(apiId)).rootResourceId();
        String proxy = api.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("{proxy+}")).id();
        String items = api.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("items")).id();
        String item = api.createResource(b -> b.restApiId(apiId).parentId(items).pathPart("{id}")).id();
        String noperm = api.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("noperm")).id();
        String slow = api.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("slow")).id();
        String mock = api.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("mock")).id();
        RestApiTesting.proxyMethod(api, apiId, proxy, "ANY", "rest-node");
        RestApiTesting.proxyMethod(api, apiId, rootId, "GET", "rest-node");
        RestApiTesting.proxyMethod(api, apiId, items, "GET", "rest-node");
        RestApiTesting.proxyMethod(api, apiId, item, "GET", "rest-python");
        RestApiTesting.proxyMethod(api, apiId, noperm, "GET", "rest-noperm");
        api.putMethod(b -> b.restApiId(apiId).resourceId(slow).httpMethod("GET").authorizationType("NONE"));
        api.putIntegration(b -> b.restApiId(apiId).resourceId(slow).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri(RestApiTesting.lambdaUri("rest-node")).timeoutInMillis(1000));
        api.putMethod(b -> b.restApiId(apiId).resourceId(mock).httpMethod("GET").authorizationType("NONE"));
        api.putIntegration(b -> b.restApiId(apiId).resourceId(mock).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 201}")));
        api.putMethodResponse(b -> b.restApiId(apiId).resourceId(mock).httpMethod("GET").statusCode("201")
                .responseParameters(Map.of("method.response.header.X-Mock", false)));
        api.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(mock).httpMethod("GET").statusCode("201")
                .selectionPattern("2\\d\\d").responseTemplates(Map.of("application/json", "{\"mocked\": true}"))
                .responseParameters(Map.of("method.response.header.X-Mock", "'yes'")));
        api.createDeployment(b -> b.restApiId(apiId).stageName("prod").variables(Map.of("color", "blue")));
        RestApiTesting.allowApiGateway(lambda, "rest-node", RestApiTesting.executeApiArn(apiId, "*/*/*"));
        RestApiTesting.allowApiGateway(lambda, "rest-node", RestApiTesting.executeApiArn(apiId, "*/GET/"));
        RestApiTesting.allowApiGateway(lambda, "rest-python", RestApiTesting.executeApiArn(apiId, "prod/GET/items/{id}"));
    }

    @AfterAll
    static void close() {
        api.close();
    }

    private static URI path(String stageAndPath) {
        return RestApiTesting.pathStyle(server.endpoint(), apiId, stageAndPath);
    }

    @Test
    void theFunctionSeesTheProxyEventAsAwsBuildsIt() throws Exception {
        HttpResponse<String> r = RestApiTesting.get(path("prod/hello/world?a=1&b=x%20y&a=2"),
                "X-MiXeD-Case", "one", "X-MiXeD-Case", "two");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Echo")).hasValue("node");
        assertThat(r.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
        JsonNode e = RestApiTesting.json(r.body());
        assertThat(e.get("resource").asText()).isEqualTo("/{proxy+}");
        assertThat(e.get("path").asText()).isEqualTo("/hello/world");
        assertThat(e.get("httpMethod").asText()).isEqualTo("GET");
        assertThat(e.get("headers").get("X-MiXeD-Case").asText()).isEqualTo("two");
        assertThat(e.get("multiValueHeaders").get("X-MiXeD-Case").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(e.get("queryStringParameters").get("a").asText()).isEqualTo("2");
        assertThat(e.get("queryStringParameters").get("b").asText()).isEqualTo("x y");
        assertThat(e.get("multiValueQueryStringParameters").get("a").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(e.get("pathParameters").get("proxy").asText()).isEqualTo("hello/world");
        assertThat(e.get("stageVariables").get("color").asText()).isEqualTo("blue");
        assertThat(e.get("body").isNull()).isTrue();
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(e.has("version")).isFalse();
        JsonNode ctx = e.get("requestContext");
        assertThat(ctx.get("apiId").asText()).isEqualTo(apiId);
        assertThat(ctx.get("accountId").asText()).isEqualTo(TestServer.ACCOUNT);
        assertThat(ctx.get("stage").asText()).isEqualTo("prod");
        assertThat(ctx.get("path").asText()).isEqualTo("/prod/hello/world");
        assertThat(ctx.get("resourcePath").asText()).isEqualTo("/{proxy+}");
        assertThat(ctx.get("httpMethod").asText()).isEqualTo("GET");
        assertThat(ctx.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(ctx.get("identity").has("accessKey")).isTrue();
        assertThat(ctx.get("requestId").asText()).isEqualTo(r.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(ctx.get("requestTimeEpoch").asLong()).isPositive();
    }

    @Test
    void curlReachesTheHostStyleAddressAndThePythonFunctionGetsPathParameters() {
        RestApiTesting.Curl r = RestApiTesting.curl(tmp, "-X", "GET", "-H", "X-Custom: Kept-Case",
                RestApiTesting.hostStyle(server.endpoint(), apiId, "prod/items/42?q=one&q=two"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("x-echo", "python");
        JsonNode e = r.json();
        assertThat(e.get("resource").asText()).isEqualTo("/items/{id}");
        assertThat(e.get("pathParameters").get("id").asText()).isEqualTo("42");
        assertThat(e.get("queryStringParameters").get("q").asText()).isEqualTo("two");
        assertThat(e.get("headers").get("X-Custom").asText()).isEqualTo("Kept-Case");
        assertThat(e.get("requestContext").get("domainName").asText()).isEqualTo(apiId + ".execute-api.localhost");
    }

    @Test
    void aLiteralBeatsAParameterWhichBeatsTheGreedyProxy() throws Exception {
        assertThat(resourceOf("prod/items")).isEqualTo("/items");
        assertThat(resourceOf("prod/items/7")).isEqualTo("/items/{id}");
        assertThat(resourceOf("prod/items/7/more")).isEqualTo("/{proxy+}");
        assertThat(resourceOf("prod")).isEqualTo("/");
    }

    private static String resourceOf(String stageAndPath) throws Exception {
        HttpResponse<String> r = RestApiTesting.get(path(stageAndPath));
        assertThat(r.statusCode()).as(stageAndPath + ": " + r.body()).isEqualTo(200);
        return RestApiTesting.json(r.body()).get("resource").asText();
    }

    @Test
    void aPostBodyIsTextUnlessItsTypeIsBinaryForTheApi() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        HttpResponse<byte[]> binary = RestApiTesting.send(path("prod/upload"), "POST", png, "Content-Type", "image/png");
        JsonNode e = RestApiTesting.json(new String(binary.body(), StandardCharsets.UTF_8));
        assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(e.get("body").asText())).isEqualTo(png);

        HttpResponse<byte[]> text = RestApiTesting.send(path("prod/upload"), "POST",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        JsonNode t = RestApiTesting.json(new String(text.body(), StandardCharsets.UTF_8));
        assertThat(t.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(t.get("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(t.get("httpMethod").asText()).isEqualTo("POST");
    }

    @Test
    void aBase64ResponseOfABinaryTypeIsDecoded() throws Exception {
        HttpResponse<byte[]> r = RestApiTesting.send(path("prod/any?mode=binary"), "GET", new byte[0],
                "Accept", "image/png");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(r.body()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void aMockIntegrationAnswersItsIntegrationResponse() throws Exception {
        HttpResponse<String> r = RestApiTesting.get(path("prod/mock"));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{\"mocked\": true}");
        assertThat(r.headers().firstValue("X-Mock")).hasValue("yes");
    }

    @Test
    void unknownStagesPathsAndMethodsGetApiGatewaysAnswers() throws Exception {
        HttpResponse<String> noStage = RestApiTesting.get(path(""));
        assertThat(noStage.statusCode()).isEqualTo(403);
        assertThat(noStage.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(noStage.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");

        HttpResponse<byte[]> noMethod = RestApiTesting.send(path("prod/items"), "DELETE", new byte[0]);
        assertThat(noMethod.statusCode()).isEqualTo(403);
        assertThat(new String(noMethod.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Missing Authentication Token\"}");

        HttpResponse<String> noSuchStage = RestApiTesting.get(path("nostage/items"));
        assertThat(noSuchStage.statusCode()).isEqualTo(403);
        assertThat(noSuchStage.body()).isEqualTo("{\"message\":\"Forbidden\"}");

        HttpResponse<String> noSuchApi = RestApiTesting.get(RestApiTesting.pathStyle(server.endpoint(), "nosuchapi0",
                "prod/items"));
        assertThat(noSuchApi.statusCode()).isEqualTo(404);
    }

    @Test
    void functionErrorsAndMalformedAnswersAre502AndASlowFunctionIs504() throws Exception {
        HttpResponse<String> error = RestApiTesting.get(path("prod/x?mode=error"));
        assertThat(error.statusCode()).isEqualTo(502);
        assertThat(RestApiTesting.json(error.body()).get("message").asText()).isEqualTo("Internal server error");

        HttpResponse<String> malformed = RestApiTesting.get(path("prod/x?mode=malformed"));
        assertThat(malformed.statusCode()).isEqualTo(502);
        assertThat(RestApiTesting.json(malformed.body()).get("message").asText()).isEqualTo("Internal server error");

        HttpResponse<String> slow = RestApiTesting.get(path("prod/slow?mode=sleep&ms=4000"));
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(RestApiTesting.json(slow.body()).get("message").asText()).isEqualTo("Endpoint request timed out");
    }

    @Test
    void withoutLambdaPermissionTheApiAnswers500UntilAddPermission() throws Exception {
        HttpResponse<String> denied = RestApiTesting.get(path("prod/noperm"));
        assertThat(denied.statusCode()).isEqualTo(500);
        assertThat(RestApiTesting.json(denied.body()).get("message").asText()).isEqualTo("Internal server error");

        RestApiTesting.allowApiGateway(lambda, "rest-noperm", RestApiTesting.executeApiArn(apiId, "*/GET/noperm"));

        assertThat(RestApiTesting.get(path("prod/noperm")).statusCode()).isEqualTo(200);
    }

    @Test
    void changesReachCallersOnlyWithTheNextDeployment() throws Exception {
        String id = api.createRestApi(b -> b.name("later")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        mock(id, root, "{\"v\": 1}");
        api.createDeployment(b -> b.restApiId(id).stageName("live"));
        URI live = RestApiTesting.pathStyle(server.endpoint(), id, "live");
        assertThat(RestApiTesting.get(live).body()).isEqualTo("{\"v\": 1}");

        api.deleteIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
        api.deleteMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
        mock(id, root, "{\"v\": 2}");
        String added = api.createResource(b -> b.restApiId(id).parentId(root).pathPart("added")).id();
        mock(id, added, "{\"added\": true}");
        URI addedUri = RestApiTesting.pathStyle(server.endpoint(), id, "live/added");
        assertThat(RestApiTesting.get(live).body()).isEqualTo("{\"v\": 1}");
        assertThat(RestApiTesting.get(addedUri).statusCode()).isEqualTo(403);

        api.createDeployment(b -> b.restApiId(id).stageName("live"));

        assertThat(RestApiTesting.get(live).body()).isEqualTo("{\"v\": 2}");
        assertThat(RestApiTesting.get(addedUri).body()).isEqualTo("{\"added\": true}");
    }

    private static void mock(String id, String resource, String body) {
        api.putMethod(b -> b.restApiId(id).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
        api.putIntegration(b -> b.restApiId(id).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        api.putMethodResponse(b -> b.restApiId(id).resourceId(resource).httpMethod("GET").statusCode("200"));
        api.putIntegrationResponse(b -> b.restApiId(id).resourceId(resource).httpMethod("GET").statusCode("200")
                .responseTemplates(Map.of("application/json", body)));
    }

    @Test
    void aThrottledFunctionAnswers429() throws Exception {
        Functions.create(lambda, "rest-throttled", "nodejs20.x", "echo.handler", RestApiTesting.nodeEcho(), b -> { });
        lambda.putFunctionConcurrency(b -> b.functionName("rest-throttled").reservedConcurrentExecutions(0));
        String id = api.createRestApi(b -> b.name("throttled")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        RestApiTesting.proxyMethod(api, id, root, "GET", "rest-throttled");
        api.createDeployment(b -> b.restApiId(id).stageName("prod"));
        RestApiTesting.allowApiGateway(lambda, "rest-throttled", RestApiTesting.executeApiArn(id, "*"));

        HttpResponse<String> r = RestApiTesting.get(RestApiTesting.pathStyle(server.endpoint(), id, "prod"));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(RestApiTesting.json(r.body()).get("message").asText()).isEqualTo("Too Many Requests");
    }

    @Test
    void hostilePathsQueriesAndHeadersGetAnAnswerAndTheServerStaysUp() throws Exception {
        String base = "http://127.0.0.1:" + server.endpoint().getPort() + "/_aws/execute-api/" + apiId;
        for (String p : java.util.List.of("/prod/%", "/prod/%zz/%", "/prod/items/%00", "/prod/../../etc/passwd",
                "/%2e%2e/prod", "/prod/" + "a/".repeat(2000), "/prod/items/%F0%9F%98%80", "/pr%od/x", "/prod//",
                "/prod/items/7?" + "k=v&".repeat(2000) + "=&&=x&%=%", "/%/x")) {
            RestApiTesting.Curl r = RestApiTesting.curl(tmp, "--path-as-is", "-H", "X-Weird: \u00e9\t", "-H",
                    "Content-Type: ;;;", base + p);
            assertThat(r.status()).as(p + ": " + r.body()).isBetween(200, 499);
        }
        assertThat(RestApiTesting.get(path("prod/items")).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyWhoseEventWouldBeOverLambdasLimitIs413() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');

        HttpResponse<byte[]> r = RestApiTesting.send(path("prod/upload"), "POST", big, "Content-Type", "image/png");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(RestApiTesting.get(path("prod/items")).statusCode()).isEqualTo(200);
    }

    @Test
    void aStageVariableInTheIntegrationUriPicksTheFunctionPerStage() throws Exception {
        String id = api.createRestApi(b -> b.name("by-variable")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        RestApiTesting.proxyMethod(api, id, root, "GET", "${stageVariables.fn}");
        api.createDeployment(b -> b.restApiId(id).stageName("py").variables(Map.of("fn", "rest-python")));
        api.createDeployment(b -> b.restApiId(id).stageName("node").variables(Map.of("fn", "rest-node")));
        RestApiTesting.allowApiGateway(lambda, "rest-python", RestApiTesting.executeApiArn(id, "*/GET/"));
        RestApiTesting.allowApiGateway(lambda, "rest-node", RestApiTesting.executeApiArn(id, "*/GET/"));

        assertThat(RestApiTesting.get(RestApiTesting.pathStyle(server.endpoint(), id, "py")).headers()
                .firstValue("X-Echo")).hasValue("python");
        assertThat(RestApiTesting.get(RestApiTesting.pathStyle(server.endpoint(), id, "node")).headers()
                .firstValue("X-Echo")).hasValue("node");
    }
}
