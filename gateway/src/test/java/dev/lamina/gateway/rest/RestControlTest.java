package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operations over JSON trees keyed by the model's member names, as the edge's codec calls them. */
class RestControlTest {
    @TempDir
    Path dir;
    SqliteStore store;
    RestControl control;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("db"), new AesGcmSealer(new byte[32], "environment-variables"));
        control = new RestControl(new Ops(store, "000000000000", "us-east-1",
                Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ObjectNode in(String json) {
        try {
            return (ObjectNode) Docs.JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode call(String operation, String json) {
        return control.handle(operation, in(json));
    }

    private static ServiceException error(Runnable r) {
        try {
            r.run();
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("no ServiceException");
    }

    @Test
    void aDeploymentSnapshotsTheTreeAndTheStageKeepsServingIt() {
        JsonNode api = call("CreateRestApi", "{'name':'a'}");
        String id = api.get("id").asText();
        String root = api.get("rootResourceId").asText();
        assertThat(api.get("createdDate").asLong()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z").getEpochSecond());
        call("PutMethod", "{'restApiId':'" + id + "','resourceId':'" + root + "','httpMethod':'get','authorizationType':'NONE'}");
        call("PutIntegration", "{'restApiId':'" + id + "','resourceId':'" + root + "','httpMethod':'GET','type':'MOCK'}");
        call("CreateDeployment", "{'restApiId':'" + id + "','stageName':'prod','variables':{'v':'1'}}");
        call("DeleteIntegration", "{'restApiId':'" + id + "','resourceId':'" + root + "','httpMethod':'GET'}");

        Deployed deployed = new Deployments(store).stage(id, "prod").orElseThrow();

        assertThat(deployed.root().methods()).containsKey("GET");
        assertThat(deployed.root().methods().get("GET").integration().type()).isEqualTo("MOCK");
        assertThat(deployed.variables()).containsEntry("v", "1");
        assertThat(new Deployments(store).owns(id)).isTrue();
        assertThat(new Deployments(store).owns("nosuchapi0")).isFalse();
        assertThat(new Deployments(store).stage(id, "nostage")).isEmpty();
    }

    @Test
    void errorsCarryApiGatewaysCodesAndStatuses() {
        ServiceException notFound = error(() -> call("GetRestApi", "{'restApiId':'nosuchapi0'}"));
        assertThat(notFound.code()).isEqualTo("NotFoundException");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.getMessage()).isEqualTo("Invalid API identifier specified 000000000000:nosuchapi0");

        String id = call("CreateRestApi", "{'name':'b'}").get("id").asText();
        String root = call("GetRestApi", "{'restApiId':'" + id + "'}").get("rootResourceId").asText();
        call("CreateResource", "{'restApiId':'" + id + "','parentId':'" + root + "','pathPart':'x'}");
        ServiceException conflict = error(() -> call("CreateResource",
                "{'restApiId':'" + id + "','parentId':'" + root + "','pathPart':'x'}"));
        assertThat(conflict.code()).isEqualTo("ConflictException");
        assertThat(conflict.status()).isEqualTo(409);
        ServiceException bad = error(() -> call("GetRestApis", "{'limit':501}"));
        assertThat(bad.code()).isEqualTo("BadRequestException");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void aRefusedPatchChangesNothing() {
        String id = call("CreateRestApi", "{'name':'c'}").get("id").asText();

        assertThatThrownBy(() -> call("UpdateRestApi", "{'restApiId':'" + id + "','patchOperations':["
                + "{'op':'replace','path':'/name','value':'changed'},{'op':'replace','path':'/id','value':'x'}]}"))
                .isInstanceOf(ServiceException.class);

        assertThat(call("GetRestApi", "{'restApiId':'" + id + "'}").get("name").asText()).isEqualTo("c");
    }

    @Test
    void resourcesArePagedByPosition() {
        String id = call("CreateRestApi", "{'name':'d'}").get("id").asText();
        String root = call("GetRestApi", "{'restApiId':'" + id + "'}").get("rootResourceId").asText();
        for (int i = 0; i < 4; i++) {
            call("CreateResource", "{'restApiId':'" + id + "','parentId':'" + root + "','pathPart':'r" + i + "'}");
        }
        JsonNode first = call("GetResources", "{'restApiId':'" + id + "','limit':3}");
        assertThat(first.get("items")).hasSize(3);
        JsonNode second = call("GetResources", "{'restApiId':'" + id + "','limit':3,'position':'"
                + first.get("position").asText() + "'}");
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.has("position")).isFalse();
    }

    @Test
    void importRestApiBuildsResourcesMethodsIntegrationsAndAuthorizersFromOpenApi() {
        String uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:us-east-1:000000000000:function:f/invocations";
        String openapi = ("{'openapi':'3.0.1','info':{'title':'imported','version':'1'},"
                + "'x-amazon-apigateway-binary-media-types':['image/png'],"
                + "'components':{'securitySchemes':{'tok':{'type':'apiKey','name':'Authorization','in':'header',"
                + "'x-amazon-apigateway-authorizer':{'type':'token','authorizerUri':'URI'}}}},"
                + "'paths':{'/items/{id}':{'get':{'security':[{'tok':[]}],'x-amazon-apigateway-integration':"
                + "{'type':'aws_proxy','httpMethod':'POST','uri':'URI'}}},"
                + "'/{proxy+}':{'x-amazon-apigateway-any-method':{'x-amazon-apigateway-integration':"
                + "{'type':'mock','requestTemplates':{'application/json':'{\\'statusCode\\': 200}'},"
                + "'responses':{'default':{'statusCode':'200'}}}}}}}").replace("URI", uri).replace('\'', '"');
        ObjectNode in = Docs.JSON.createObjectNode();
        in.set("body", Docs.JSON.getNodeFactory().binaryNode(openapi.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        JsonNode api = control.handle("ImportRestApi", in);

        String id = api.get("id").asText();
        assertThat(api.get("name").asText()).isEqualTo("imported");
        assertThat(api.get("binaryMediaTypes").get(0).asText()).isEqualTo("image/png");
        JsonNode resources = call("GetResources", "{'restApiId':'" + id + "','embed':['methods']}").get("items");
        java.util.Map<String, JsonNode> byPath = new java.util.HashMap<>();
        resources.forEach(r -> byPath.put(r.get("path").asText(), r));
        assertThat(byPath).containsOnlyKeys("/", "/items", "/items/{id}", "/{proxy+}");
        JsonNode get = byPath.get("/items/{id}").get("resourceMethods").get("GET");
        assertThat(get.get("authorizationType").asText()).isEqualTo("CUSTOM");
        assertThat(get.get("methodIntegration").get("type").asText()).isEqualTo("AWS_PROXY");
        JsonNode any = byPath.get("/{proxy+}").get("resourceMethods").get("ANY");
        assertThat(any.get("methodIntegration").get("integrationResponses").get("200").has("selectionPattern")).isFalse();
        assertThat(call("GetAuthorizers", "{'restApiId':'" + id + "'}").get("items").get(0).get("identitySource").asText())
                .isEqualTo("method.request.header.Authorization");
    }

    @Test
    void aRefusedImportLeavesNoApiBehind() {
        int before = call("GetRestApis", "{}").get("items").size();
        String openapi = "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"bad\"},\"paths\":{\"/x\":{\"get\":"
                + "{\"x-amazon-apigateway-integration\":{\"type\":\"aws_proxy\",\"httpMethod\":\"POST\","
                + "\"uri\":\"not-an-arn\"}}}}}";
        ObjectNode in = Docs.JSON.createObjectNode();
        in.set("body", Docs.JSON.getNodeFactory().binaryNode(openapi.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(error(() -> control.handle("ImportRestApi", in)).code()).isEqualTo("BadRequestException");
        assertThat(error(() -> control.handle("ImportRestApi", in(
                "{'body':'not json'}"))).code()).isEqualTo("BadRequestException");
        assertThat(call("GetRestApis", "{}").get("items").size()).isEqualTo(before);
    }
}
