package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A REST API acknowledged by CreateDeployment survives {@code kill -9}: after a restart on the same
 * data directory the stage serves the same deployment, with its stage variables, to curl.
 */
class RestApiCrashIT {
    @TempDir
    Path tmp;

    @Test
    void aDeployedApiIsStillServedAfterKillNine() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        String apiId;
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda();
             ApiGatewayClient api = RestApiTesting.apiGateway(server.endpoint())) {
            Functions.create(lambda, "crash-echo", "nodejs20.x", "echo.handler", RestApiTesting.nodeEcho(), b -> { });
            apiId = api.createRestApi(b -> b.name("durable")).id();
            String id = apiId;
            String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
            String proxy = api.createResource(b -> b.restApiId(id).parentId(root).pathPart("{proxy+}")).id();
            RestApiTesting.proxyMethod(api, apiId, proxy, "ANY", "crash-echo");
            RestApiTesting.allowApiGateway(lambda, "crash-echo", RestApiTesting.executeApiArn(apiId, "*/*/*"));
            api.createDeployment(b -> b.restApiId(id).stageName("prod").variables(Map.of("kept", "yes")));
            assertThat(curl(server, apiId).status()).isEqualTo(200);
            server.kill();
        }
        try (LaminaProcess server = LaminaProcess.start(dataDir)) {
            RestApiTesting.Curl r = curl(server, apiId);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("stageVariables").get("kept").asText()).isEqualTo("yes");
            assertThat(r.json().get("pathParameters").get("proxy").asText()).isEqualTo("still/here");
        }
    }

    private RestApiTesting.Curl curl(LaminaProcess server, String apiId) {
        return RestApiTesting.curl(tmp, RestApiTesting.hostStyle(server.endpoint(), apiId, "prod/still/here"));
    }
}
