package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2AsyncClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP APIs' control plane (apigatewayv2) as the SDK for Java v2 and the aws CLI see it:
 * quick create, the CRUD of routes, integrations, stages, deployments and authorizers, and API
 * Gateway's errors for bad input.
 */
class HttpApiControlIT extends ServerPerClass {
    static final String TARGET = HttpApiTesting.functionArn("some-function");
    static ApiGatewayV2Client apigw;
    static ApiGatewayV2AsyncClient patching;

    @TempDir
    Path home;

    @BeforeAll
    static void client() {
        apigw = HttpApiTesting.client(server.endpoint());
        patching = HttpApiTesting.asyncClient(server.endpoint());
    }

    @AfterAll
    static void close() {
        apigw.close();
        patching.close();
    }

    @Test
    void quickCreateWithTheCliMakesTheIntegrationTheDefaultRouteAndAnAutoDeployedDefaultStage() {
        JsonNode api = HttpApiTesting.cli(server.endpoint(), home, "create-api", "--name", "quick", "--protocol-type",
                "HTTP", "--target", TARGET).succeeded().json();
        String id = api.get("ApiId").asText();
        assertThat(id).matches("[a-z0-9]{10}");
        assertThat(api.get("ApiEndpoint").asText()).isEqualTo(HttpApiTesting.hostUrl(server.endpoint(), id));
        assertThat(api.get("ProtocolType").asText()).isEqualTo("HTTP");
        assertThat(api.get("RouteSelectionExpression").asText()).isEqualTo("${request.method} ${request.path}");
        assertThat(api.get("Name").asText()).isEqualTo("quick");
        assertThat(api.get("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");

        var routes = apigw.getRoutes(b -> b.apiId(id)).items();
        assertThat(routes).singleElement().satisfies(r -> {
            assertThat(r.routeKey()).isEqualTo("$default");
            assertThat(r.apiGatewayManaged()).isTrue();
            assertThat(r.target()).startsWith("integrations/");
        });
        var integration = apigw.getIntegration(b -> b.apiId(id)
                .integrationId(routes.getFirst().target().substring("integrations/".length())));
        assertThat(integration.integrationType()).isEqualTo(IntegrationType.AWS_PROXY);
        assertThat(integration.integrationUri()).isEqualTo(TARGET);
        assertThat(integration.payloadFormatVersion()).isEqualTo("2.0");
        GetStageResponse stage = apigw.getStage(b -> b.apiId(id).stageName("$default"));
        assertThat(stage.autoDeploy()).isTrue();
        assertThat(stage.deploymentId()).isNotBlank();
        assertThat(apigw.getDeployment(b -> b.apiId(id).deploymentId(stage.deploymentId())).autoDeployed()).isTrue();

        JsonNode got = HttpApiTesting.cli(server.endpoint(), home, "get-api", "--api-id", id).succeeded().json();
        assertThat(got.get("ApiId").asText()).isEqualTo(id);
        HttpApiTesting.cli(server.endpoint(), home, "delete-api", "--api-id", id).succeeded();
        AwsCli.Result gone = HttpApiTesting.cli(server.endpoint(), home, "get-api", "--api-id", id);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("NotFoundException");
    }

    @Test
    void routesIntegrationsStagesDeploymentsAndAuthorizersCanBeCreatedReadUpdatedAndDeleted() {
        CreateApiResponse api = apigw.createApi(b -> b.name("crud").protocolType(ProtocolType.HTTP)
                .description("d").tags(Map.of("team", "web")));
        String id = api.apiId();
        assertThat(api.tags()).containsEntry("team", "web");

        var integration = apigw.createIntegration(b -> b.apiId(id).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(TARGET).payloadFormatVersion("1.0").timeoutInMillis(5000));
        assertThat(integration.integrationId()).matches("[a-z0-9]+");
        assertThat(integration.integrationMethod()).isEqualTo("POST");
        var authorizer = apigw.createAuthorizer(b -> b.apiId(id).name("jwt").authorizerType(AuthorizerType.JWT)
                .identitySource("$request.header.Authorization")
                .jwtConfiguration(j -> j.issuer("https://issuer.example").audience("app")));
        var route = apigw.createRoute(b -> b.apiId(id).routeKey("GET /items/{id}")
                .target("integrations/" + integration.integrationId()).authorizationType("JWT")
                .authorizerId(authorizer.authorizerId()).authorizationScopes("read"));
        assertThat(route.routeKey()).isEqualTo("GET /items/{id}");
        assertThat(route.authorizationScopes()).containsExactly("read");

        GetRouteResponse read = apigw.getRoute(b -> b.apiId(id).routeId(route.routeId()));
        assertThat(read.target()).isEqualTo("integrations/" + integration.integrationId());
        var updated = patching.updateRoute(b -> b.apiId(id).routeId(route.routeId()).routeKey("ANY /items/{id}")).join();
        assertThat(updated.routeKey()).isEqualTo("ANY /items/{id}");
        assertThat(updated.authorizerId()).isEqualTo(authorizer.authorizerId());
        assertThat(patching.updateIntegration(b -> b.apiId(id).integrationId(integration.integrationId())
                .payloadFormatVersion("2.0")).join().payloadFormatVersion()).isEqualTo("2.0");

        var stage = apigw.createStage(b -> b.apiId(id).stageName("prod").stageVariables(Map.of("color", "blue")));
        assertThat(stage.autoDeploy()).isFalse();
        assertThat(stage.deploymentId()).isNull();
        var deployment = apigw.createDeployment(b -> b.apiId(id).stageName("prod").description("first"));
        assertThat(deployment.deploymentStatusAsString()).isEqualTo("DEPLOYED");
        assertThat(deployment.autoDeployed()).isFalse();
        assertThat(apigw.getStage(b -> b.apiId(id).stageName("prod")).deploymentId())
                .isEqualTo(deployment.deploymentId());
        assertThat(apigw.getDeployments(b -> b.apiId(id)).items()).hasSize(1);
        assertThat(patching.updateStage(b -> b.apiId(id).stageName("prod").stageVariables(Map.of("color", "red")))
                .join().stageVariables()).containsEntry("color", "red");
        assertThat(apigw.getStages(b -> b.apiId(id)).items()).extracting(s -> s.stageName()).containsExactly("prod");

        assertThat(apigw.getApi(b -> b.apiId(id)).description()).isEqualTo("d");
        assertThat(patching.updateApi(b -> b.apiId(id).name("renamed")).join().name()).isEqualTo("renamed");
        assertThat(apigw.getApis(b -> b.maxResults("500")).items()).extracting(a -> a.apiId()).contains(id);

        assertThatThrownBy(() -> apigw.deleteAuthorizer(b -> b.apiId(id).authorizerId(authorizer.authorizerId())))
                .isInstanceOf(BadRequestException.class);
        apigw.deleteRoute(b -> b.apiId(id).routeId(route.routeId()));
        apigw.deleteAuthorizer(b -> b.apiId(id).authorizerId(authorizer.authorizerId()));
        apigw.deleteIntegration(b -> b.apiId(id).integrationId(integration.integrationId()));
        apigw.deleteStage(b -> b.apiId(id).stageName("prod"));
        apigw.deleteDeployment(b -> b.apiId(id).deploymentId(deployment.deploymentId()));
        assertThat(apigw.getRoutes(b -> b.apiId(id)).items()).isEmpty();
        assertThatThrownBy(() -> apigw.getRoute(b -> b.apiId(id).routeId(route.routeId())))
                .isInstanceOf(NotFoundException.class);
        apigw.deleteApi(b -> b.apiId(id));
        assertThatThrownBy(() -> apigw.getApi(b -> b.apiId(id))).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((ApiGatewayV2Exception) e).statusCode()).isEqualTo(404));
    }

    @Test
    void badInputIsRefusedWithApiGatewaysErrorsAndChangesNothing() {
        String id = apigw.createApi(b -> b.name("bad").protocolType(ProtocolType.HTTP)).apiId();
        for (String key : List.of("GET", "get /x", "FETCH /x", "GET /{proxy+}/more", "GET /a//b")) {
            assertThatThrownBy(() -> apigw.createRoute(b -> b.apiId(id).routeKey(key))).as(key)
                    .isInstanceOf(BadRequestException.class)
                    .satisfies(e -> assertThat(((ApiGatewayV2Exception) e).statusCode()).isEqualTo(400));
        }
        apigw.createRoute(b -> b.apiId(id).routeKey("GET /x"));
        assertThatThrownBy(() -> apigw.createRoute(b -> b.apiId(id).routeKey("GET /x")))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ApiGatewayV2Exception) e).statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> apigw.createRoute(b -> b.apiId(id).routeKey("GET /y").target("integrations/nope123")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> apigw.createIntegration(b -> b.apiId(id).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(TARGET).payloadFormatVersion("3.0"))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> apigw.createIntegration(b -> b.apiId(id).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri("not-an-arn").payloadFormatVersion("2.0"))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> apigw.createIntegration(b -> b.apiId(id).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(TARGET))).as("the SDK and the CLI must name the payload format")
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> apigw.createAuthorizer(b -> b.apiId(id).name("j").authorizerType(AuthorizerType.JWT)
                .identitySource("$request.header.Authorization"))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> apigw.createAuthorizer(b -> b.apiId(id).name("r")
                .authorizerType(AuthorizerType.REQUEST).authorizerUri(TARGET).identitySource("$request.header.x")))
                .as("REQUEST authorizers of HTTP APIs need a payload format version")
                .isInstanceOf(BadRequestException.class);
        apigw.createStage(b -> b.apiId(id).stageName("dev"));
        assertThatThrownBy(() -> apigw.createStage(b -> b.apiId(id).stageName("dev")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> apigw.createStage(b -> b.apiId(id).stageName("bad name!")))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> apigw.createApi(b -> b.name("cors").protocolType(ProtocolType.HTTP)
                .corsConfiguration(c -> c.allowOrigins("*").allowCredentials(true))))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> apigw.getApi(b -> b.apiId("nosuchapi0"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> apigw.createDeployment(b -> b.apiId(id).stageName("nope")))
                .isInstanceOf(NotFoundException.class);

        assertThat(apigw.getRoutes(b -> b.apiId(id)).items()).extracting(r -> r.routeKey()).containsExactly("GET /x");
        assertThat(apigw.getIntegrations(b -> b.apiId(id)).items()).isEmpty();
        assertThat(apigw.getAuthorizers(b -> b.apiId(id)).items()).isEmpty();
    }

    @Test
    void apisAndStagesAreTaggedByArn() {
        String id = apigw.createApi(b -> b.name("tagged").protocolType(ProtocolType.HTTP).tags(Map.of("a", "1"))).apiId();
        apigw.createStage(b -> b.apiId(id).stageName("prod"));
        String arn = "arn:aws:apigateway:us-east-1::/apis/" + id;
        apigw.tagResource(b -> b.resourceArn(arn).tags(Map.of("b", "2")));
        assertThat(apigw.getTags(b -> b.resourceArn(arn)).tags()).isEqualTo(Map.of("a", "1", "b", "2"));
        apigw.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertThat(apigw.getApi(b -> b.apiId(id)).tags()).isEqualTo(Map.of("b", "2"));
        apigw.tagResource(b -> b.resourceArn(arn + "/stages/prod").tags(Map.of("s", "x")));
        assertThat(apigw.getStage(b -> b.apiId(id).stageName("prod")).tags()).isEqualTo(Map.of("s", "x"));
        assertThatThrownBy(() -> apigw.getTags(b -> b.resourceArn("arn:aws:apigateway:us-east-1::/apis/nosuchapi9")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void listingsArePaged() {
        String id = apigw.createApi(b -> b.name("paged").protocolType(ProtocolType.HTTP)).apiId();
        for (int i = 0; i < 5; i++) {
            int n = i;
            apigw.createRoute(b -> b.apiId(id).routeKey("GET /r" + n));
        }
        var first = apigw.getRoutes(b -> b.apiId(id).maxResults("2"));
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        var rest = apigw.getRoutes(b -> b.apiId(id).nextToken(first.nextToken()).maxResults("10"));
        assertThat(rest.items()).hasSize(3);
        assertThat(rest.nextToken()).isNull();
    }
}
