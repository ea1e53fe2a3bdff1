package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP APIs serving real functions to real clients (curl on {@code <api-id>.execute-api.localhost},
 * java.net.http on {@code /_aws/execute-api/<api-id>}): route selection and path parameters, payload
 * formats 2.0 and 1.0, named stages and deployments, binary bodies, API Gateway's error answers,
 * the Lambda permission API Gateway needs, and CORS.
 */
class HttpApiIT extends ServerPerClass {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ApiGatewayV2Client apigw;
    /** An API with payload 2.0 routes to the Node.js echo, on an auto-deployed $default stage, with CORS. */
    static String v2;
    /** An API with a payload 1.0 integration of the Python echo, on a stage "prod" deployed by hand. */
    static String v1;

    @TempDir
    Path tmp;

    @BeforeAll
    static void deploy() {
        apigw = HttpApiTesting.client(server.endpoint());
        Functions.create(lambda, "echo-node", "nodejs20.x", "index.handler", HttpApiTesting.nodeEcho(), b -> b.timeout(10));
        Functions.create(lambda, "echo-py", "python3.12", "app.handler", HttpApiTesting.pythonEcho(), b -> { });

        v2 = apigw.createApi(b -> b.name("v2").protocolType(ProtocolType.HTTP).corsConfiguration(c -> c
                .allowOrigins("https://app.example").allowMethods("GET", "POST").allowHeaders("content-type", "x-custom")
                .exposeHeaders("x-echo").maxAge(300))).apiId();
        String node = apigw.createIntegration(b -> b.apiId(v2).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(HttpApiTesting.functionArn("echo-node")).payloadFormatVersion("2.0")).integrationId();
        for (String key : new String[]{"GET /items/{id}", "GET /items/special", "ANY /files/{proxy+}", "POST /echo",
                "GET /binary", "GET /fail", "GET /garbage", "GET /bare", "PUT /echo"}) {
            apigw.createRoute(b -> b.apiId(v2).routeKey(key).target("integrations/" + node));
        }
        String impatient = apigw.createIntegration(b -> b.apiId(v2).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(HttpApiTesting.functionArn("echo-node")).payloadFormatVersion("2.0")
                .timeoutInMillis(1000)).integrationId();
        apigw.createRoute(b -> b.apiId(v2).routeKey("GET /slow").target("integrations/" + impatient));
        apigw.createStage(b -> b.apiId(v2).stageName("$default").autoDeploy(true));
        HttpApiTesting.allowApiGateway(lambda, "echo-node", v2);

        v1 = apigw.createApi(b -> b.name("v1").protocolType(ProtocolType.HTTP)).apiId();
        String py = apigw.createIntegration(b -> b.apiId(v1).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                        + HttpApiTesting.functionArn("echo-py") + "/invocations")
                .payloadFormatVersion("1.0")).integrationId();
        apigw.createRoute(b -> b.apiId(v1).routeKey("GET /hello/{name}").target("integrations/" + py));
        apigw.createStage(b -> b.apiId(v1).stageName("prod").stageVariables(Map.of("color", "blue")));
        apigw.createDeployment(b -> b.apiId(v1).stageName("prod"));
        HttpApiTesting.allowApiGateway(lambda, "echo-py", v1);
    }

    @AfterAll
    static void close() {
        apigw.close();
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return HttpApiTesting.JSON.readTree(r.body());
    }

    @Test
    void curlOnTheApiEndpointReachesTheRouteWithItsPathParametersInAPayload2Event() {
        var r = HttpApiTesting.curl(tmp, HttpApiTesting.hostUrl(server.endpoint(), v2) + "/items/42?tag=a&tag=b",
                "-H", "Cookie: session=1; theme=dark");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("x-echo")).contains("yes");
        assertThat(r.header("apigw-requestid")).isPresent();
        assertThat(r.headers().get("set-cookie")).containsExactly("a=1", "b=2");
        JsonNode e = r.json();
        assertThat(e.get("version").asText()).isEqualTo("2.0");
        assertThat(e.get("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(e.get("rawPath").asText()).isEqualTo("/items/42");
        assertThat(e.get("rawQueryString").asText()).isEqualTo("tag=a&tag=b");
        assertThat(e.get("queryStringParameters").get("tag").asText()).isEqualTo("a,b");
        assertThat(e.get("pathParameters").get("id").asText()).isEqualTo("42");
        assertThat(e.get("cookies")).extracting(JsonNode::asText).containsExactly("session=1", "theme=dark");
        assertThat(e.get("headers").get("user-agent").asText()).startsWith("curl/");
        JsonNode ctx = e.get("requestContext");
        assertThat(ctx.get("apiId").asText()).isEqualTo(v2);
        assertThat(ctx.get("stage").asText()).isEqualTo("$default");
        assertThat(ctx.get("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(ctx.get("http").get("method").asText()).isEqualTo("GET");
        assertThat(ctx.get("domainName").asText()).isEqualTo(v2 + ".execute-api.localhost");
        assertThat(ctx.get("accountId").asText()).isEqualTo(TestServer.ACCOUNT);
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(e.has("stageVariables")).isFalse();
    }

    @Test
    void thePathStyleWorksWithJavaNetHttpAndTheMostSpecificRouteWins() throws Exception {
        String base = HttpApiTesting.pathUrl(server.endpoint(), v2);
        var special = get(base + "/items/special");
        assertThat(special.statusCode()).isEqualTo(200);
        assertThat(json(special).get("routeKey").asText()).isEqualTo("GET /items/special");
        assertThat(json(special).has("pathParameters")).isFalse();

        var greedy = get(base + "/files/a/b%20c.txt");
        assertThat(greedy.statusCode()).isEqualTo(200);
        assertThat(json(greedy).get("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
        assertThat(json(greedy).get("pathParameters").get("proxy").asText()).isEqualTo("a/b c.txt");
        assertThat(json(greedy).get("rawPath").asText()).isEqualTo("/files/a/b%20c.txt");
    }

    @Test
    void noMatchingRouteIsApiGatewaysNotFound() throws Exception {
        String base = HttpApiTesting.pathUrl(server.endpoint(), v2);
        for (String path : new String[]{"/nowhere", "/items", "/items/1/2", "/"}) {
            var r = get(base + path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Not Found\"}");
        }
        var post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/items/1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(404);
        var unknownApi = get(HttpApiTesting.pathUrl(server.endpoint(), "nosuchapi1") + "/items/1");
        assertThat(unknownApi.statusCode()).isEqualTo(404);
    }

    @Test
    void formAndBinaryBodiesArriveBase64EncodedAndTextStaysText() throws Exception {
        String url = HttpApiTesting.hostUrl(server.endpoint(), v2) + "/echo";
        var form = HttpApiTesting.curl(tmp, url, "-X", "POST", "--data", "a=1&b=2");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.json().get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(form.json().get("body").asText()))).isEqualTo("a=1&b=2");

        var text = HttpApiTesting.curl(tmp, url, "-X", "POST", "-H", "Content-Type: application/json",
                "--data", "{\"x\":1}");
        assertThat(text.json().get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(text.json().get("body").asText()).isEqualTo("{\"x\":1}");

        var binary = get(HttpApiTesting.pathUrl(server.endpoint(), v2) + "/binary");
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.headers().firstValue("content-type")).contains("application/octet-stream");
        assertThat(binary.body()).containsExactly(0, 1, 2, 255);

        var bare = get(HttpApiTesting.pathUrl(server.endpoint(), v2) + "/bare");
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(new String(bare.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void aFailingFunctionOrAnAnswerThatIsNoResponseIs500AndATimeoutIs503() throws Exception {
        String base = HttpApiTesting.pathUrl(server.endpoint(), v2);
        for (String path : new String[]{"/fail", "/garbage"}) {
            var r = get(base + path);
            assertThat(r.statusCode()).as(path).isEqualTo(500);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }
        var slow = get(base + "/slow");
        assertThat(slow.statusCode()).isEqualTo(503);
        assertThat(new String(slow.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Service Unavailable\"}");
    }

    @Test
    void aBodyOverLambdasPayloadLimitIs413AndTheServerStaysUp() throws Exception {
        String url = HttpApiTesting.pathUrl(server.endpoint(), v2) + "/echo";
        var big = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[7 * 1024 * 1024])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(get(HttpApiTesting.pathUrl(server.endpoint(), v2) + "/items/1").statusCode()).isEqualTo(200);
    }

    @Test
    void hostilePathsAndMethodsGetApiGatewaysAnswersAndTheServerStaysUp() {
        String base = HttpApiTesting.hostUrl(server.endpoint(), v2);
        for (String path : new String[]{"/items/%zz", "/items/%", "/files/%00%C0%AF/x", "/files/%2e%2e/%2e%2e/etc"}) {
            assertThat(HttpApiTesting.curl(tmp, base + path).status()).as(path).isBetween(200, 499);
        }
        var encoded = HttpApiTesting.curl(tmp, base + "/items/%C3%A9t%C3%A9");
        assertThat(encoded.json().get("pathParameters").get("id").asText()).isEqualTo("été");
        assertThat(HttpApiTesting.curl(tmp, base + "/" + "a/".repeat(3000)).status()).isEqualTo(404);
        assertThat(HttpApiTesting.curl(tmp, base + "/items/1", "-X", "PROPFIND").status()).isEqualTo(404);
        assertThat(HttpApiTesting.curl(tmp, base + "/files/x", "-X", "PROPFIND").status())
                .as("ANY takes any method").isEqualTo(200);
        assertThat(HttpApiTesting.curl(tmp, base + "//items//1").status()).isEqualTo(404);
        assertThat(HttpApiTesting.curl(tmp, base + "/items/1").status()).isEqualTo(200);
    }

    @Test
    void aPayload1IntegrationOnANamedStageGetsTheVersion1EventWithStageVariables() {
        var r = HttpApiTesting.curl(tmp, HttpApiTesting.hostUrl(server.endpoint(), v1) + "/prod/hello/ana?x=1&x=2",
                "-H", "X-Custom: one", "-H", "X-Custom: two");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.headers().get("x-multi")).containsExactly("one", "two");
        JsonNode e = r.json();
        assertThat(e.get("version").asText()).isEqualTo("1.0");
        assertThat(e.get("resource").asText()).isEqualTo("/hello/{name}");
        assertThat(e.get("httpMethod").asText()).isEqualTo("GET");
        assertThat(e.get("path").asText()).isEqualTo("/prod/hello/ana");
        assertThat(e.get("pathParameters").get("name").asText()).isEqualTo("ana");
        assertThat(e.get("stageVariables").get("color").asText()).isEqualTo("blue");
        assertThat(e.get("queryStringParameters").get("x").asText()).isEqualTo("2");
        assertThat(e.get("multiValueQueryStringParameters").get("x")).extracting(JsonNode::asText)
                .containsExactly("1", "2");
        assertThat(e.get("multiValueHeaders").get("x-custom")).extracting(JsonNode::asText)
                .containsExactly("one", "two");
        assertThat(e.get("requestContext").get("stage").asText()).isEqualTo("prod");
        assertThat(e.get("body").isNull()).isTrue();

        var noStage = HttpApiTesting.curl(tmp, HttpApiTesting.hostUrl(server.endpoint(), v1) + "/hello/ana");
        assertThat(noStage.status()).as("without a $default stage the stage name is needed").isEqualTo(404);
    }

    @Test
    void aRouteAddedToAStageWithoutAutoDeployGoesLiveWithTheNextDeployment() {
        String id = apigw.getIntegrations(b -> b.apiId(v1)).items().getFirst().integrationId();
        apigw.createRoute(b -> b.apiId(v1).routeKey("GET /later").target("integrations/" + id));
        String url = HttpApiTesting.hostUrl(server.endpoint(), v1) + "/prod/later";
        assertThat(HttpApiTesting.curl(tmp, url).status()).isEqualTo(404);
        apigw.createDeployment(b -> b.apiId(v1).stageName("prod"));
        assertThat(HttpApiTesting.curl(tmp, url).status()).isEqualTo(201);
    }

    @Test
    void withoutTheLambdaPermissionTheApiAnswers500UntilAddPermission() {
        Functions.create(lambda, "guarded", "nodejs20.x", "index.handler", HttpApiTesting.nodeEcho(), b -> { });
        String id = apigw.createApi(b -> b.name("quick").protocolType(ProtocolType.HTTP)
                .target(HttpApiTesting.functionArn("guarded"))).apiId();
        String url = HttpApiTesting.hostUrl(server.endpoint(), id) + "/anything";
        var denied = HttpApiTesting.curl(tmp, url);
        assertThat(denied.status()).isEqualTo(500);
        assertThat(denied.text()).isEqualTo("{\"message\":\"Internal Server Error\"}");

        lambda.addPermission(b -> b.functionName("guarded").statementId("other-api").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:us-east-1:000000000000:someotherid/*"));
        assertThat(HttpApiTesting.curl(tmp, url).status()).as("a permission for another API").isEqualTo(500);

        lambda.addPermission(b -> b.functionName("guarded").statementId("this-api").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:us-east-1:000000000000:" + id + "/*/$default"));
        var allowed = HttpApiTesting.curl(tmp, url);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("routeKey").asText()).isEqualTo("$default");
    }

    @Test
    void anAliasIntegrationNeedsThePermissionOfTheAliasAndNamedStagesCarryTheirVariables() {
        String version = lambda.publishVersion(b -> b.functionName("echo-node")).version();
        lambda.createAlias(b -> b.functionName("echo-node").name("live").functionVersion(version));
        String id = apigw.createApi(b -> b.name("alias").protocolType(ProtocolType.HTTP)).apiId();
        String integration = apigw.createIntegration(b -> b.apiId(id).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(HttpApiTesting.functionArn("echo-node") + ":live").payloadFormatVersion("2.0"))
                .integrationId();
        apigw.createRoute(b -> b.apiId(id).routeKey("GET /who").target("integrations/" + integration));
        apigw.createStage(b -> b.apiId(id).stageName("beta").autoDeploy(true).stageVariables(Map.of("mode", "beta")));
        apigw.createStage(b -> b.apiId(id).stageName("$default").autoDeploy(true));
        HttpApiTesting.allowApiGateway(lambda, "echo-node", id);
        String base = HttpApiTesting.hostUrl(server.endpoint(), id);
        assertThat(HttpApiTesting.curl(tmp, base + "/beta/who").status())
                .as("the unqualified function's policy does not cover the alias").isEqualTo(500);

        lambda.addPermission(b -> b.functionName("echo-node").qualifier("live").statementId("apigw-alias")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:us-east-1:000000000000:" + id + "/*/GET/who"));
        var beta = HttpApiTesting.curl(tmp, base + "/beta/who");
        assertThat(beta.status()).as(beta.text()).isEqualTo(200);
        assertThat(beta.json().get("requestContext").get("stage").asText()).isEqualTo("beta");
        assertThat(beta.json().get("rawPath").asText()).isEqualTo("/beta/who");
        assertThat(beta.json().get("stageVariables").get("mode").asText()).isEqualTo("beta");
        var byDefault = HttpApiTesting.curl(tmp, base + "/who");
        assertThat(byDefault.status()).isEqualTo(200);
        assertThat(byDefault.json().get("requestContext").get("stage").asText()).isEqualTo("$default");

        try (var patching = HttpApiTesting.asyncClient(server.endpoint())) {
            patching.updateApi(b -> b.apiId(id).disableExecuteApiEndpoint(true)).join();
        }
        assertThat(HttpApiTesting.curl(tmp, base + "/who").status()).as("the default endpoint is disabled")
                .isEqualTo(403);
    }

    @Test
    void corsPreflightIsAnsweredByTheApiAndResponsesCarryItsCorsHeaders() {
        String url = HttpApiTesting.hostUrl(server.endpoint(), v2) + "/items/1";
        var preflight = HttpApiTesting.curl(tmp, url, "-X", "OPTIONS", "-H", "Origin: https://app.example",
                "-H", "Access-Control-Request-Method: POST", "-H", "Access-Control-Request-Headers: content-type");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("access-control-allow-origin")).contains("https://app.example");
        assertThat(preflight.header("access-control-allow-methods")).contains("GET,POST");
        assertThat(preflight.header("access-control-allow-headers")).contains("content-type,x-custom");
        assertThat(preflight.header("access-control-max-age")).contains("300");

        var other = HttpApiTesting.curl(tmp, url, "-X", "OPTIONS", "-H", "Origin: https://evil.example",
                "-H", "Access-Control-Request-Method: POST");
        assertThat(other.status()).isEqualTo(204);
        assertThat(other.header("access-control-allow-origin")).isEmpty();

        var actual = HttpApiTesting.curl(tmp, url, "-H", "Origin: https://app.example");
        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.headers().get("access-control-allow-origin"))
                .as("the API's CORS headers replace the function's").containsExactly("https://app.example");
        assertThat(actual.header("access-control-expose-headers")).contains("x-echo");
    }
}
