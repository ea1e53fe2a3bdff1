package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateResourceResponse;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.Stage;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST API control plane (apigateway) with the SDK v2 and the aws CLI. */
class RestApiControlIT extends ServerPerClass {
    static ApiGatewayClient api;
    static software.amazon.awssdk.services.apigateway.ApiGatewayAsyncClient patches;
    static final String URI = RestApiTesting.lambdaUri("some-function");

    @TempDir
    Path home;

    @BeforeAll
    static void client() {
        api = RestApiTesting.apiGateway(server.endpoint());
        patches = RestApiTesting.apiGatewayAsync(server.endpoint());
    }

    @AfterAll
    static void close() {
        api.close();
        patches.close();
    }

    @Test
    void createRestApiHasARootResourceAndApiGatewaysDefaults() {
        CreateRestApiResponse created = api.createRestApi(b -> b.name("pets").description("d")
                .binaryMediaTypes("image/png").endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));

        assertThat(created.id()).matches("[a-z0-9]{10}");
        assertThat(created.name()).isEqualTo("pets");
        assertThat(created.description()).isEqualTo("d");
        assertThat(created.createdDate()).isNotNull();
        assertThat(created.apiKeySourceAsString()).isEqualTo("HEADER");
        assertThat(created.binaryMediaTypes()).containsExactly("image/png");
        assertThat(created.endpointConfiguration().types()).containsExactly(EndpointType.REGIONAL);
        assertThat(created.disableExecuteApiEndpoint()).isFalse();
        List<Resource> resources = api.getResources(b -> b.restApiId(created.id())).items();
        assertThat(resources).hasSize(1);
        assertThat(resources.getFirst().path()).isEqualTo("/");
        assertThat(resources.getFirst().id()).isEqualTo(created.rootResourceId());
        assertThat(api.getRestApi(b -> b.restApiId(created.id())).name()).isEqualTo("pets");
    }

    @Test
    void resourcesNestWithParametersAndRefuseConflicts() {
        String id = api.createRestApi(b -> b.name("tree")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        CreateResourceResponse items = api.createResource(b -> b.restApiId(id).parentId(root).pathPart("items"));
        assertThat(items.path()).isEqualTo("/items");
        assertThat(items.parentId()).isEqualTo(root);
        assertThat(items.pathPart()).isEqualTo("items");
        String item = api.createResource(b -> b.restApiId(id).parentId(items.id()).pathPart("{id}")).path();
        assertThat(item).isEqualTo("/items/{id}");
        String proxy = api.createResource(b -> b.restApiId(id).parentId(root).pathPart("{proxy+}")).id();

        assertThatThrownBy(() -> api.createResource(b -> b.restApiId(id).parentId(root).pathPart("items")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already has this name: items")
                .satisfies(e -> assertThat(((ConflictException) e).statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> api.createResource(b -> b.restApiId(id).parentId(items.id()).pathPart("{other}")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("only one is allowed");
        assertThatThrownBy(() -> api.createResource(b -> b.restApiId(id).parentId(proxy).pathPart("below")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("greedy path variable");
        assertThatThrownBy(() -> api.createResource(b -> b.restApiId(id).parentId(root).pathPart("a b")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("path part only allow");
        assertThatThrownBy(() -> api.createResource(b -> b.restApiId(id).parentId("nosuchid00").pathPart("x")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Resource identifier specified");
        assertThat(api.getResources(b -> b.restApiId(id)).items()).extracting(Resource::path)
                .containsExactlyInAnyOrder("/", "/items", "/items/{id}", "/{proxy+}");

        api.deleteResource(b -> b.restApiId(id).resourceId(items.id()));
        assertThat(api.getResources(b -> b.restApiId(id)).items()).extracting(Resource::path)
                .containsExactlyInAnyOrder("/", "/{proxy+}");
    }

    @Test
    void methodsCarryTheirIntegrationAndADeploymentNeedsThem() {
        String id = api.createRestApi(b -> b.name("methods")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        assertThatThrownBy(() -> api.createDeployment(b -> b.restApiId(id).stageName("prod")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("The REST API doesn't contain any methods");

        var put = api.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        assertThat(put.httpMethod()).isEqualTo("GET");
        assertThat(put.authorizationType()).isEqualTo("NONE");
        assertThat(put.apiKeyRequired()).isFalse();
        assertThatThrownBy(() -> api.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                .authorizationType("NONE"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("Method already exists for this resource");
        assertThatThrownBy(() -> api.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("FETCH")
                .authorizationType("NONE"))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Invalid HttpMethod specified");
        assertThatThrownBy(() -> api.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("POST")
                .authorizationType("CUSTOM").authorizerId("nope000000"))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Invalid authorizer ID specified");
        assertThatThrownBy(() -> api.createDeployment(b -> b.restApiId(id).stageName("prod")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("No integration defined for method");
        assertThatThrownBy(() -> api.getIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("No integration defined for method");
        assertThatThrownBy(() -> api.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).uri(URI))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Enumeration value for HttpMethod must be non-empty");
        assertThatThrownBy(() -> api.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST")
                .uri("arn:aws:apigateway:us-east-1:s3:path/bucket"))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("only supports Lambda function");

        var integration = api.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(URI));
        assertThat(integration.type()).isEqualTo(IntegrationType.AWS_PROXY);
        assertThat(integration.httpMethod()).isEqualTo("POST");
        assertThat(integration.uri()).isEqualTo(URI);
        assertThat(integration.timeoutInMillis()).isEqualTo(29000);
        assertThat(integration.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");
        var method = api.getMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
        assertThat(method.methodIntegration().uri()).isEqualTo(URI);
        var embedded = api.getResource(b -> b.restApiId(id).resourceId(root).embed("methods"));
        assertThat(embedded.resourceMethods().get("GET").methodIntegration().type()).isEqualTo(IntegrationType.AWS_PROXY);
        var plain = api.getResource(b -> b.restApiId(id).resourceId(root));
        assertThat(plain.resourceMethods()).containsOnlyKeys("GET");
        assertThat(plain.resourceMethods().get("GET").methodIntegration()).isNull();

        var deployment = api.createDeployment(b -> b.restApiId(id).stageName("prod").description("first")
                .variables(Map.of("fn", "one")));
        assertThat(deployment.id()).matches("[a-z0-9]{10}");
        var stage = api.getStage(b -> b.restApiId(id).stageName("prod"));
        assertThat(stage.deploymentId()).isEqualTo(deployment.id());
        assertThat(stage.variables()).containsEntry("fn", "one");
        assertThat(api.getDeployments(b -> b.restApiId(id)).items()).extracting(d -> d.id())
                .containsExactly(deployment.id());
        assertThat(api.getDeployment(b -> b.restApiId(id).deploymentId(deployment.id())).description())
                .isEqualTo("first");

        api.deleteIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
        api.deleteMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
        assertThatThrownBy(() -> api.getMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Method identifier specified");
    }

    @Test
    void stagesAreCreatedUpdatedWithPatchesAndDeleted() {
        String id = api.createRestApi(b -> b.name("stages")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        api.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("ANY").authorizationType("NONE"));
        api.putIntegration(b -> b.restApiId(id).resourceId(root).httpMethod("ANY").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        String first = api.createDeployment(b -> b.restApiId(id)).id();
        String second = api.createDeployment(b -> b.restApiId(id)).id();

        var created = api.createStage(b -> b.restApiId(id).stageName("dev").deploymentId(first)
                .variables(Map.of("a", "1")));
        assertThat(created.stageName()).isEqualTo("dev");
        assertThatThrownBy(() -> api.createStage(b -> b.restApiId(id).stageName("dev").deploymentId(first)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Stage already exists");
        assertThatThrownBy(() -> api.createStage(b -> b.restApiId(id).stageName("bad stage").deploymentId(first)))
                .isInstanceOf(BadRequestException.class);

        var updated = RestApiTesting.join(patches.updateStage(b -> b.restApiId(id).stageName("dev").patchOperations(
                p -> p.op(Op.REPLACE).path("/variables/b").value("2"),
                p -> p.op(Op.REMOVE).path("/variables/a"),
                p -> p.op(Op.REPLACE).path("/deploymentId").value(second))));
        assertThat(updated.variables()).containsExactly(Map.entry("b", "2"));
        assertThat(updated.deploymentId()).isEqualTo(second);
        assertThatThrownBy(() -> RestApiTesting.join(patches.updateStage(b -> b.restApiId(id).stageName("dev")
                .patchOperations(p -> p.op(Op.REPLACE).path("/variables/c").value("3"),
                        p -> p.op(Op.REPLACE).path("/nonsense").value("x"))))).isInstanceOf(BadRequestException.class);
        assertThat(api.getStage(b -> b.restApiId(id).stageName("dev")).variables()).doesNotContainKey("c");
        assertThatThrownBy(() -> api.deleteDeployment(b -> b.restApiId(id).deploymentId(second)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Active stages");

        assertThat(api.getStages(b -> b.restApiId(id)).item()).extracting(Stage::stageName).containsExactly("dev");
        api.deleteStage(b -> b.restApiId(id).stageName("dev"));
        assertThatThrownBy(() -> api.getStage(b -> b.restApiId(id).stageName("dev")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Stage identifier specified");
    }

    @Test
    void updateRestApiPatchesNameAndBinaryMediaTypes() {
        String id = api.createRestApi(b -> b.name("before").binaryMediaTypes("image/png")).id();

        var after = RestApiTesting.join(patches.updateRestApi(b -> b.restApiId(id).patchOperations(
                p -> p.op(Op.REPLACE).path("/name").value("after"),
                p -> p.op(Op.ADD).path("/binaryMediaTypes/application~1octet-stream"),
                p -> p.op(Op.REMOVE).path("/binaryMediaTypes/image~1png"))));

        assertThat(after.name()).isEqualTo("after");
        assertThat(after.binaryMediaTypes()).containsExactly("application/octet-stream");
        assertThatThrownBy(() -> RestApiTesting.join(patches.updateRestApi(b -> b.restApiId(id).patchOperations(
                p -> p.op(Op.REPLACE).path("/rootResourceId").value("x"))))).isInstanceOf(BadRequestException.class);
        assertThat(api.getRestApi(b -> b.restApiId(id)).name()).isEqualTo("after");
    }

    @Test
    void restApisArePagedAndDeleted() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            mine.add(api.createRestApi(b -> b.name("page-" + n)).id());
        }
        Set<String> seen = new HashSet<>();
        String position = null;
        int pages = 0;
        do {
            String p = position;
            GetRestApisResponse page = api.getRestApis(b -> b.limit(2).position(p));
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().forEach(a -> seen.add(a.id()));
            position = page.position();
            pages++;
        } while (position != null && pages < 100);
        assertThat(seen).containsAll(mine);
        assertThat(pages).isGreaterThan(1);

        String gone = mine.iterator().next();
        api.deleteRestApi(b -> b.restApiId(gone));
        assertThatThrownBy(() -> api.getRestApi(b -> b.restApiId(gone))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> api.deleteRestApi(b -> b.restApiId(gone))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void authorizersAreCreatedListedAndRefusedWhileInUse() {
        String id = api.createRestApi(b -> b.name("auth")).id();
        String root = api.getRestApi(b -> b.restApiId(id)).rootResourceId();
        assertThatThrownBy(() -> api.createAuthorizer(b -> b.restApiId(id).name("bad").type(AuthorizerType.TOKEN)
                .authorizerUri(URI).identitySource("method.request.querystring.token")))
                .isInstanceOf(BadRequestException.class);
        var authorizer = api.createAuthorizer(b -> b.restApiId(id).name("tok").type(AuthorizerType.TOKEN)
                .authorizerUri(URI).identitySource("method.request.header.Authorization"));
        assertThat(authorizer.authorizerResultTtlInSeconds()).isEqualTo(300);
        assertThat(api.getAuthorizers(b -> b.restApiId(id)).items()).extracting(a -> a.name()).containsExactly("tok");
        api.putMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET").authorizationType("CUSTOM")
                .authorizerId(authorizer.id()));
        assertThatThrownBy(() -> api.deleteAuthorizer(b -> b.restApiId(id).authorizerId(authorizer.id())))
                .isInstanceOf(ConflictException.class);
        api.deleteMethod(b -> b.restApiId(id).resourceId(root).httpMethod("GET"));
        api.deleteAuthorizer(b -> b.restApiId(id).authorizerId(authorizer.id()));
        assertThat(api.getAuthorizers(b -> b.restApiId(id)).items()).isEmpty();
    }

    @Test
    void unknownApisAreNotFoundWithTheAccountInTheMessage() {
        assertThatThrownBy(() -> api.getRestApi(b -> b.restApiId("nosuchapi0")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Invalid API identifier specified 000000000000:nosuchapi0")
                .satisfies(e -> assertThat(((NotFoundException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void theAwsCliBuildsAndDeploysAnApi() {
        JsonNode created = RestApiTesting.cli(server.endpoint(), home, "create-rest-api", "--name", "cli-api")
                .succeeded().json();
        String id = created.get("id").asText();
        assertThat(created.get("name").asText()).isEqualTo("cli-api");
        JsonNode resources = RestApiTesting.cli(server.endpoint(), home, "get-resources", "--rest-api-id", id)
                .succeeded().json();
        String root = resources.get("items").get(0).get("id").asText();
        assertThat(resources.get("items").get(0).get("path").asText()).isEqualTo("/");
        String proxy = RestApiTesting.cli(server.endpoint(), home, "create-resource", "--rest-api-id", id,
                "--parent-id", root, "--path-part", "{proxy+}").succeeded().json().get("id").asText();
        JsonNode method = RestApiTesting.cli(server.endpoint(), home, "put-method", "--rest-api-id", id,
                "--resource-id", proxy, "--http-method", "ANY", "--authorization-type", "NONE").succeeded().json();
        assertThat(method.get("httpMethod").asText()).isEqualTo("ANY");
        JsonNode integration = RestApiTesting.cli(server.endpoint(), home, "put-integration", "--rest-api-id", id,
                "--resource-id", proxy, "--http-method", "ANY", "--type", "AWS_PROXY", "--integration-http-method",
                "POST", "--uri", URI).succeeded().json();
        assertThat(integration.get("uri").asText()).isEqualTo(URI);
        JsonNode deployment = RestApiTesting.cli(server.endpoint(), home, "create-deployment", "--rest-api-id", id,
                "--stage-name", "test").succeeded().json();
        JsonNode stages = RestApiTesting.cli(server.endpoint(), home, "get-stages", "--rest-api-id", id)
                .succeeded().json();
        assertThat(stages.get("item").get(0).get("stageName").asText()).isEqualTo("test");
        assertThat(stages.get("item").get(0).get("deploymentId").asText()).isEqualTo(deployment.get("id").asText());
        AwsCli.Result missing = RestApiTesting.cli(server.endpoint(), home, "get-rest-api", "--rest-api-id", "nosuchapi0");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("NotFoundException").contains("Invalid API identifier specified");
    }

    @Test
    void importRestApiTakesAnOpenApiDefinitionFromTheCli() throws Exception {
        Path definition = home.resolve("api.json");
        java.nio.file.Files.writeString(definition, """
                {"openapi": "3.0.1", "info": {"title": "imported", "version": "1.0"},
                 "paths": {"/hello": {"get": {
                   "responses": {"200": {"description": "ok"}},
                   "x-amazon-apigateway-integration": {"type": "mock",
                     "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
                     "responses": {"default": {"statusCode": "200",
                       "responseTemplates": {"application/json": "{\\"imported\\": true}"}}}}}}}}
                """);

        JsonNode api = RestApiTesting.cli(server.endpoint(), home, "import-rest-api", "--body",
                "fileb://" + definition).succeeded().json();
        String id = api.get("id").asText();
        assertThat(api.get("name").asText()).isEqualTo("imported");
        RestApiTesting.cli(server.endpoint(), home, "create-deployment", "--rest-api-id", id, "--stage-name", "v1")
                .succeeded();

        var r = RestApiTesting.get(RestApiTesting.pathStyle(server.endpoint(), id, "v1/hello"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"imported\": true}");
    }
}
