package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.net.URI;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda authorizers (TOKEN and REQUEST) in front of a REST API, with a real node authorizer. */
class RestApiAuthorizersIT extends ServerPerClass {
    static ApiGatewayClient api;
    static String apiId;
    static String requestAuthorizerId;

    @BeforeAll
    static void deploy() {
        api = RestApiTesting.apiGateway(server.endpoint());
        Functions.create(lambda, "auth-echo", "nodejs20.x", "echo.handler", RestApiTesting.nodeEcho(), b -> { });
        Functions.create(lambda, "auth-fn", "nodejs20.x", "authorizer.handler", RestApiTesting.authorizer(), b -> { });
        apiId = api.createRestApi(b -> b.name("guarded")).id();
        String root = api.getRestApi(b -> b.restApiId(apiId)).rootResourceId();
        String token = api.createAuthorizer(b -> b.restApiId(apiId).name("token").type(AuthorizerType.TOKEN)
                .authorizerUri(RestApiTesting.lambdaUri("auth-fn"))
                .identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(0)).id();
        requestAuthorizerId = api.createAuthorizer(b -> b.restApiId(apiId).name("request").type(AuthorizerType.REQUEST)
                .authorizerUri(RestApiTesting.lambdaUri("auth-fn")).identitySource("method.request.header.X-Key")
                .authorizerResultTtlInSeconds(300)).id();
        guarded(root, "tok", token);
        guarded(root, "req", requestAuthorizerId);
        api.createDeployment(b -> b.restApiId(apiId).stageName("prod"));
        RestApiTesting.allowApiGateway(lambda, "auth-echo", RestApiTesting.executeApiArn(apiId, "*"));
        RestApiTesting.allowApiGateway(lambda, "auth-fn", RestApiTesting.executeApiArn(apiId, "authorizers/" + token));
        RestApiTesting.allowApiGateway(lambda, "auth-fn",
                RestApiTesting.executeApiArn(apiId, "authorizers/" + requestAuthorizerId));
    }

    private static void guarded(String root, String pathPart, String authorizerId) {
        String resource = api.createResource(b -> b.restApiId(apiId).parentId(root).pathPart(pathPart)).id();
        api.putMethod(b -> b.restApiId(apiId).resourceId(resource).httpMethod("GET").authorizationType("CUSTOM")
                .authorizerId(authorizerId));
        api.putIntegration(b -> b.restApiId(apiId).resourceId(resource).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(RestApiTesting.lambdaUri("auth-echo")));
    }

    @AfterAll
    static void close() {
        api.close();
    }

    private static URI uri(String path) {
        return RestApiTesting.pathStyle(server.endpoint(), apiId, "prod/" + path);
    }

    @Test
    void aTokenAuthorizerAllowsAndItsContextReachesTheFunction() throws Exception {
        HttpResponse<String> r = RestApiTesting.get(uri("tok"), "Authorization", "allow");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode authorizer = RestApiTesting.json(r.body()).get("requestContext").get("authorizer");
        assertThat(authorizer.get("principalId").asText()).isEqualTo("user-allow");
        assertThat(authorizer.get("type").asText()).isEqualTo("TOKEN");
        assertThat(authorizer.get("n").asText()).isEqualTo("7");
        assertThat(authorizer.get("ok").asText()).isEqualTo("true");
        assertThat(authorizer.get("seenArn").asText())
                .isEqualTo(RestApiTesting.executeApiArn(apiId, "prod/GET/tok"));
    }

    @Test
    void aTokenAuthorizerDeniesWithAnExplicitDenyAndWithoutATokenAnswers401() throws Exception {
        HttpResponse<String> denied = RestApiTesting.get(uri("tok"), "Authorization", "deny");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo(
                "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}");
        assertThat(denied.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");

        HttpResponse<String> missing = RestApiTesting.get(uri("tok"));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Unauthorized\"}");

        HttpResponse<String> unauthorized = RestApiTesting.get(uri("tok"), "Authorization", "unauthorized");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
    }

    @Test
    void aRequestAuthorizerSeesTheRequestAndDecides() throws Exception {
        HttpResponse<String> allowed = RestApiTesting.get(uri("req?x=1"), "X-Key", "allow");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        JsonNode authorizer = RestApiTesting.json(allowed.body()).get("requestContext").get("authorizer");
        assertThat(authorizer.get("type").asText()).isEqualTo("REQUEST");
        assertThat(authorizer.get("principalId").asText()).isEqualTo("user-allow");

        HttpResponse<String> denied = RestApiTesting.get(uri("req"), "X-Key", "deny");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(RestApiTesting.get(uri("req")).statusCode()).isEqualTo(401);
    }

    @Test
    void anAuthorizerWithoutLambdaPermissionIsAConfigurationError() throws Exception {
        String id = api.createRestApi(b -> b.name("unpermitted")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        String authorizer = api.createAuthorizer(b -> b.restApiId(id).name("t").type(AuthorizerType.TOKEN)
                .authorizerUri(RestApiTesting.lambdaUri("auth-fn"))
                .identitySource("method.request.header.Authorization")).id();
        api.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET").authorizationType("CUSTOM")
                .authorizerId(authorizer));
        api.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri(RestApiTesting.lambdaUri("auth-echo")));
        api.createDeployment(b -> b.restApiId(id).stageName("prod"));

        HttpResponse<String> r = RestApiTesting.get(RestApiTesting.pathStyle(server.endpoint(), id, "prod"),
                "Authorization", "allow");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("AuthorizerConfigurationException");
    }

    @Test
    void anAwsIamMethodWantsASignatureForExecuteApiAndShowsTheSigner() throws Exception {
        String id = api.createRestApi(b -> b.name("iam")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        api.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET").authorizationType("AWS_IAM"));
        api.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri(RestApiTesting.lambdaUri("auth-echo")));
        api.createDeployment(b -> b.restApiId(id).stageName("prod"));
        RestApiTesting.allowApiGateway(lambda, "auth-echo", RestApiTesting.executeApiArn(id, "*"));
        String path = "/_aws/execute-api/" + id + "/prod/";

        HttpResponse<String> unsigned = RestApiTesting.get(server.endpoint().resolve(path));
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");

        RawHttp raw = new RawHttp(server.endpoint());
        HttpResponse<String> signed = raw.send(raw.request("GET", path, java.util.Map.of(), new byte[0],
                RawHttp.Signing.root().withScope(TestServer.REGION, "execute-api"),
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        JsonNode identity = RestApiTesting.json(signed.body()).get("requestContext").get("identity");
        assertThat(identity.get("accessKey").asText()).isEqualTo(TestServer.KEYS.accessKeyId());
        assertThat(identity.get("accountId").asText()).isEqualTo(TestServer.ACCOUNT);
    }
}
