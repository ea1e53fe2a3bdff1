package dev.lamina.server.http;

import dev.lamina.server.gateway.GatewayEdge;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.server.auth.AccessKeys;
import dev.lamina.server.auth.Authorizer;
import dev.lamina.server.auth.Caller;
import dev.lamina.server.auth.SigV4Verifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayAsyncClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.ImportRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.Cors;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rest-json codec through a real Jetty and ApiHandler, driven by API Gateway's real SDK clients;
 * below the codec, recording control planes.
 */
class RestJsonProtocolTest {
    private static final RecordingOperations V2 = new RecordingOperations("dev/lamina/gateway/api/apigatewayv2.json",
            Set.of("CreateApi", "CreateRoute", "GetApis", "GetApi", "DeleteApi", "TagResource"));
    private static final RecordingOperations V1 = new RecordingOperations("dev/lamina/gateway/api/apigateway.json",
            Set.of("ImportRestApi", "UpdateRestApi", "GetRestApis", "CreateRestApi", "DeleteRestApi"));
    /** What the authorizer was asked: action and resource. */
    private static final List<String> AUTHORIZED = new CopyOnWriteArrayList<>();
    private static EdgeServer server;
    private static ApiGatewayV2Client v2;
    private static ApiGatewayClient v1;
    private static ApiGatewayAsyncClient v1async;

    @BeforeAll
    static void start() throws Exception {
        Authorizer recording = new Authorizer() {
            @Override
            public ApiRequest authorize(Caller caller, String operation, ApiRequest request) {
                throw new AssertionError("rest-json authorizes by action and resource");
            }

            @Override
            public void authorize(Caller caller, String action, String resource) {
                AUTHORIZED.add(action + " " + resource);
                if (resource.endsWith("/forbidden")) {
                    throw new dev.lamina.model.LambdaException(dev.lamina.model.ErrorCode.ACCESS_DENIED, "User: "
                            + caller.principalArn() + " is not authorized to perform: " + action + " on resource: "
                            + resource);
                }
            }
        };
        SigV4Verifier verifier = new SigV4Verifier(AccessKeys.root("000000000000", "LKIAROOT", "rootsecret"),
                "us-east-1", "apigateway", Clock.systemUTC());
        RestJsonProtocol codec = new RestJsonProtocol(List.of(GatewayEdge.service("/v2/", V2),
                GatewayEdge.service("/", V1)), verifier, recording, new dev.lamina.model.Region("us-east-1"));
        server = new EdgeServer(new ApiHandler(new Router(List.of()), r -> {
            throw new AssertionError("not a Lambda request");
        }, recording, Set.of(), new JsonProtocol(List.of(), null), new QueryProtocol(List.of(), null),
                Optional.empty(), Optional.of(codec)));
        URI endpoint = URI.create("http://127.0.0.1:" + server.port());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("LKIAROOT", "rootsecret"));
        v2 = ApiGatewayV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        v1 = ApiGatewayClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        v1async = ApiGatewayAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(NettyNioAsyncHttpClient.create()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        v2.close();
        v1.close();
        v1async.close();
        server.close();
    }

    @Test
    void createApiTakesNestedCorsAndAnswersTheModelsShape() {
        V2.answer("CreateApi", in -> {
            ObjectNode out = Json.object().put("ApiId", "a1b2c3").put("Name", in.path("Name").asText())
                    .put("ProtocolType", "HTTP").put("ApiEndpoint", "http://a1b2c3.execute-api.localhost:9070")
                    .put("CreatedDate", "2026-12-07T12:00:00Z");
            out.set("CorsConfiguration", in.path("CorsConfiguration"));
            out.putNull("Description");
            return out;
        });
        CreateApiResponse created = v2.createApi(r -> r.name("shop").protocolType(ProtocolType.HTTP)
                .target("arn:aws:lambda:us-east-1:000000000000:function:f")
                .corsConfiguration(Cors.builder().allowOrigins("https://a.example").allowMethods("GET", "POST")
                        .maxAge(300).allowCredentials(true).build()));

        ObjectNode in = V2.lastInput;
        assertThat(V2.lastOperation).isEqualTo("CreateApi");
        assertThat(in.path("Name").asText()).isEqualTo("shop");
        assertThat(in.path("ProtocolType").asText()).isEqualTo("HTTP");
        assertThat(in.path("Target").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f");
        assertThat(in.path("CorsConfiguration").path("AllowOrigins").get(0).asText()).isEqualTo("https://a.example");
        assertThat(in.path("CorsConfiguration").path("AllowMethods")).hasSize(2);
        assertThat(in.path("CorsConfiguration").path("MaxAge").asInt()).isEqualTo(300);
        assertThat(in.path("CorsConfiguration").path("AllowCredentials").asBoolean()).isTrue();
        assertThat(V2.lastEndpoint).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(created.apiId()).isEqualTo("a1b2c3");
        assertThat(created.name()).isEqualTo("shop");
        assertThat(created.apiEndpoint()).isEqualTo("http://a1b2c3.execute-api.localhost:9070");
        assertThat(created.createdDate()).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(created.corsConfiguration().allowOrigins()).containsExactly("https://a.example");
        assertThat(created.corsConfiguration().maxAge()).isEqualTo(300);
        assertThat(created.description()).isNull();
        assertThat(AUTHORIZED).contains("apigateway:POST arn:aws:apigateway:us-east-1::/apis");
    }

    @Test
    void createRouteReadsItsPathLabelAndBody() {
        V2.answer("CreateRoute", in -> Json.object().put("RouteId", "r1").put("RouteKey", in.path("RouteKey").asText())
                .put("ApiKeyRequired", false));
        CreateRouteResponse route = v2.createRoute(r -> r.apiId("a1b2c3").routeKey("GET /items/{id}")
                .target("integrations/i1"));

        assertThat(V2.lastInput.path("ApiId").asText()).isEqualTo("a1b2c3");
        assertThat(V2.lastInput.path("RouteKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(V2.lastInput.path("Target").asText()).isEqualTo("integrations/i1");
        assertThat(route.routeId()).isEqualTo("r1");
        assertThat(route.routeKey()).isEqualTo("GET /items/{id}");
        assertThat(route.apiKeyRequired()).isFalse();
    }

    @Test
    void getApisReadsItsQueryParameters() {
        V2.answer("GetApis", in -> {
            ObjectNode out = Json.object().put("NextToken", "t2");
            out.putArray("Items").addObject().put("ApiId", "x1").put("Name", "one");
            return out;
        });
        var apis = v2.getApis(r -> r.maxResults("10").nextToken("t1"));

        assertThat(V2.lastInput.path("MaxResults").asText()).isEqualTo("10");
        assertThat(V2.lastInput.path("NextToken").asText()).isEqualTo("t1");
        assertThat(apis.items()).hasSize(1);
        assertThat(apis.items().getFirst().apiId()).isEqualTo("x1");
        assertThat(apis.nextToken()).isEqualTo("t2");
    }

    @Test
    void anArnInOneLabelArrivesWhole() {
        v2.tagResource(r -> r.resourceArn("arn:aws:apigateway:us-east-1::/apis/a1").tags(java.util.Map.of("k", "v")));
        assertThat(V2.lastOperation).isEqualTo("TagResource");
        assertThat(V2.lastInput.path("ResourceArn").asText()).isEqualTo("arn:aws:apigateway:us-east-1::/apis/a1");
        assertThat(V2.lastInput.path("Tags").path("k").asText()).isEqualTo("v");
    }

    @Test
    void aDeleteWith204HasAnEmptyBody() {
        v2.deleteApi(r -> r.apiId("gone1"));
        assertThat(V2.lastOperation).isEqualTo("DeleteApi");
        assertThat(V2.lastInput.path("ApiId").asText()).isEqualTo("gone1");
    }

    @Test
    void importRestApiHandsOverThePayloadAndTheQueryMap() throws Exception {
        V1.answer("ImportRestApi", in -> Json.object().put("id", "rest1").put("name", "imported")
                .put("createdDate", 1_765_108_800L));
        String openApi = "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"imported\"}}";
        ImportRestApiResponse imported = v1.importRestApi(r -> r.body(SdkBytes.fromUtf8String(openApi))
                .failOnWarnings(true).parameters(java.util.Map.of("endpointConfigurationTypes", "REGIONAL")));

        ObjectNode in = V1.lastInput;
        assertThat(V1.lastOperation).isEqualTo("ImportRestApi");
        assertThat(new String(in.path("body").binaryValue(), StandardCharsets.UTF_8)).isEqualTo(openApi);
        assertThat(in.path("failOnWarnings").asBoolean()).isTrue();
        assertThat(in.path("parameters").properties()).hasSize(1);
        assertThat(in.path("parameters").path("endpointConfigurationTypes").asText()).isEqualTo("REGIONAL");
        assertThat(imported.id()).isEqualTo("rest1");
        assertThat(imported.createdDate()).isEqualTo(Instant.ofEpochSecond(1_765_108_800L));
    }

    @Test
    void createRestApiIsNotMistakenForAnImport() {
        V1.answer("CreateRestApi", in -> Json.object().put("id", "rest2").put("name", in.path("name").asText()));
        assertThat(v1.createRestApi(r -> r.name("plain")).id()).isEqualTo("rest2");
        assertThat(V1.lastOperation).isEqualTo("CreateRestApi");
    }

    @Test
    void updateRestApiTakesPatchOperations() {
        V1.answer("UpdateRestApi", in -> Json.object().put("id", in.path("restApiId").asText()).put("name", "renamed"));
        // HttpURLConnection cannot send PATCH: the async client (netty) can
        var updated = v1async.updateRestApi(r -> r.restApiId("rest3").patchOperations(
                PatchOperation.builder().op(Op.REPLACE).path("/name").value("renamed").build())).join();

        ObjectNode in = V1.lastInput;
        assertThat(in.path("restApiId").asText()).isEqualTo("rest3");
        assertThat(in.path("patchOperations").get(0).path("op").asText()).isEqualTo("replace");
        assertThat(in.path("patchOperations").get(0).path("path").asText()).isEqualTo("/name");
        assertThat(in.path("patchOperations").get(0).path("value").asText()).isEqualTo("renamed");
        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(AUTHORIZED).contains("apigateway:PATCH arn:aws:apigateway:us-east-1::/restapis/rest3");
    }

    @Test
    void listsGoOutUnderTheirLocationName() {
        V1.answer("GetRestApis", in -> {
            ObjectNode out = Json.object();
            out.putArray("items").addObject().put("id", "r9").put("name", "nine");
            return out;
        });
        GetRestApisResponse apis = v1.getRestApis(r -> r.limit(5));
        assertThat(V1.lastInput.path("limit").asInt()).isEqualTo(5);
        assertThat(apis.items()).extracting(a -> a.id()).containsExactly("r9");
    }

    @Test
    void serviceErrorsReachTheSdkAsTheirModelledExceptions() {
        V2.answer("GetApi", in -> {
            throw new ServiceException("NotFoundException", Optional.empty(), 404, true,
                    "Invalid API identifier specified 000000000000:" + in.path("ApiId").asText());
        });
        assertThatThrownBy(() -> v2.getApi(r -> r.apiId("nope")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Invalid API identifier specified 000000000000:nope");
                });
        V1.answer("DeleteRestApi", in -> {
            throw new ServiceException("ConflictException", Optional.empty(), 409, true, "in use");
        });
        assertThatThrownBy(() -> v1.deleteRestApi(r -> r.restApiId("busy")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("in use"));
    }

    @Test
    void missingRequiredMembersAndBadEnumsAreOneBadRequest() {
        assertThatThrownBy(() -> v2.createApi(r -> r.name("x")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value null at 'createApiInput.protocolType' failed to"
                                + " satisfy constraint: Member must not be null"));
        assertThatThrownBy(() -> v2.createApi(r -> r.name("x").protocolType("SOAP")
                .corsConfiguration(c -> c.maxAge(90_000))))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("2 validation errors detected: ")
                        .contains("Value '90000' at 'createApiInput.corsConfiguration.maxAge' failed to satisfy"
                                + " constraint: Member must have value less than or equal to 86400")
                        .contains("Value 'SOAP' at 'createApiInput.protocolType' failed to satisfy constraint: Member"
                                + " must satisfy enum value set: [WEBSOCKET, HTTP]"));
    }

    @Test
    void aDeniedCallerGetsAccessDeniedAndNothingRuns() {
        V1.lastOperation = null;
        assertThatThrownBy(() -> v1.deleteRestApi(r -> r.restApiId("forbidden")))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.apigateway.model.ApiGatewayException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:root is"
                            + " not authorized to perform: apigateway:DELETE on resource:"
                            + " arn:aws:apigateway:us-east-1::/restapis/forbidden");
                });
        assertThat(V1.lastOperation).isNull();
    }

    @Test
    void anOperationNoOneServesIsA404NotA500() {
        assertThatThrownBy(() -> v2.getStages(r -> r.apiId("a1")))
                .isInstanceOfSatisfying(ApiGatewayV2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                });
    }

    @Test
    void aWrongSignatureIsRefusedBeforeAnythingRuns() {
        V2.lastOperation = null;
        try (ApiGatewayV2Client wrong = ApiGatewayV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("LKIAROOT", "bad")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(() -> wrong.getApis(r -> { }))
                    .isInstanceOfSatisfying(ApiGatewayV2Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
        assertThat(V2.lastOperation).isNull();
    }
}
