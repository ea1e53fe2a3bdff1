package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What CreateApi and the calls after it acknowledged is served again after {@code kill -9} and a restart. */
class HttpApiCrashIT {
    @TempDir
    Path tmp;

    @Test
    void aQuickCreatedApiAndARouteAddedLaterAreServedAfterKillNine() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        String apiId;
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda();
             ApiGatewayV2Client apigw = HttpApiTesting.client(server.endpoint())) {
            Functions.create(lambda, "survivor", "nodejs20.x", "index.handler", HttpApiTesting.nodeEcho(), b -> { });
            apiId = apigw.createApi(b -> b.name("crash").protocolType(ProtocolType.HTTP)
                    .target(HttpApiTesting.functionArn("survivor")).routeKey("GET /items/{id}")).apiId();
            String id = apiId;
            String v1 = apigw.createIntegration(b -> b.apiId(id).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri(HttpApiTesting.functionArn("survivor")).payloadFormatVersion("1.0")).integrationId();
            apigw.createRoute(b -> b.apiId(id).routeKey("POST /v1").target("integrations/" + v1));
            HttpApiTesting.allowApiGateway(lambda, "survivor", apiId);
            var before = HttpApiTesting.curl(tmp, HttpApiTesting.hostUrl(server.endpoint(), apiId) + "/items/1");
            assertThat(before.status()).as("%s\n%s", before.text(), server.log()).isEqualTo(200);
            server.kill();
        }
        try (LaminaProcess server = LaminaProcess.start(dataDir);
             ApiGatewayV2Client apigw = HttpApiTesting.client(server.endpoint())) {
            String id = apiId;
            assertThat(apigw.getApi(b -> b.apiId(id)).name()).isEqualTo("crash");
            var item = HttpApiTesting.curl(tmp, HttpApiTesting.hostUrl(server.endpoint(), apiId) + "/items/7");
            assertThat(item.status()).as(item.text()).isEqualTo(200);
            assertThat(item.json().get("pathParameters").get("id").asText()).isEqualTo("7");
            var v1 = HttpApiTesting.curl(tmp, HttpApiTesting.pathUrl(server.endpoint(), apiId) + "/v1", "-X", "POST");
            assertThat(v1.status()).isEqualTo(200);
            assertThat(v1.json().get("version").asText()).isEqualTo("1.0");
            assertThat(server.terminate()).isIn(0, 143);
        }
    }
}
