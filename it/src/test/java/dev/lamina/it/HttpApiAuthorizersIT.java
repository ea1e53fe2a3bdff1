package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP API authorizers with real clients: a JWT authorizer against an issuer served by a JDK
 * HttpServer in this test (its openid-configuration and JWKS; tokens signed with java.security),
 * and Lambda REQUEST authorizers (simple responses with payload 2.0, IAM policies with 1.0).
 */
class HttpApiAuthorizersIT extends ServerPerClass {
    static ApiGatewayV2Client apigw;
    static HttpServer issuer;
    static KeyPair key;
    static String issuerUrl;
    static String api;

    @TempDir
    Path tmp;

    @BeforeAll
    static void deploy() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair();
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realm";
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"k1\",\"n\":\""
                + b64(unsigned(pub.getModulus().toByteArray())) + "\",\"e\":\"" + b64(pub.getPublicExponent().toByteArray())
                + "\"}]}";
        serve("/realm/.well-known/openid-configuration", "{\"issuer\":\"" + issuerUrl + "\",\"jwks_uri\":\""
                + issuerUrl + "/jwks\"}");
        serve("/realm/jwks", jwks);
        issuer.start();

        apigw = HttpApiTesting.client(server.endpoint());
        Functions.create(lambda, "auth-echo", "nodejs20.x", "index.handler", HttpApiTesting.nodeEcho(), b -> { });
        Functions.create(lambda, "authorizers", "nodejs20.x", "auth.simple", HttpApiTesting.nodeAuthorizers(), b -> { });
        Functions.create(lambda, "policy-authorizer", "nodejs20.x", "auth.policy", HttpApiTesting.nodeAuthorizers(),
                b -> { });

        api = apigw.createApi(b -> b.name("guarded").protocolType(ProtocolType.HTTP)).apiId();
        String echo = apigw.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(HttpApiTesting.functionArn("auth-echo")).payloadFormatVersion("2.0")).integrationId();
        String jwt = apigw.createAuthorizer(b -> b.apiId(api).name("jwt").authorizerType(AuthorizerType.JWT)
                .identitySource("$request.header.Authorization")
                .jwtConfiguration(j -> j.issuer(issuerUrl).audience("my-app"))).authorizerId();
        String simple = apigw.createAuthorizer(b -> b.apiId(api).name("simple").authorizerType(AuthorizerType.REQUEST)
                .authorizerUri(HttpApiTesting.functionArn("authorizers")).authorizerPayloadFormatVersion("2.0")
                .enableSimpleResponses(true).identitySource("$request.header.x-token")).authorizerId();
        String policy = apigw.createAuthorizer(b -> b.apiId(api).name("policy").authorizerType(AuthorizerType.REQUEST)
                .authorizerUri(HttpApiTesting.functionArn("policy-authorizer")).authorizerPayloadFormatVersion("1.0")
                .identitySource("$request.header.x-token")).authorizerId();
        apigw.createRoute(b -> b.apiId(api).routeKey("GET /jwt").target("integrations/" + echo)
                .authorizationType("JWT").authorizerId(jwt));
        apigw.createRoute(b -> b.apiId(api).routeKey("GET /jwt/admin").target("integrations/" + echo)
                .authorizationType("JWT").authorizerId(jwt).authorizationScopes("admin"));
        apigw.createRoute(b -> b.apiId(api).routeKey("GET /simple").target("integrations/" + echo)
                .authorizationType("CUSTOM").authorizerId(simple));
        apigw.createRoute(b -> b.apiId(api).routeKey("GET /policy").target("integrations/" + echo)
                .authorizationType("CUSTOM").authorizerId(policy));
        String cached = apigw.createAuthorizer(b -> b.apiId(api).name("cached").authorizerType(AuthorizerType.REQUEST)
                .authorizerUri(HttpApiTesting.functionArn("authorizers")).authorizerPayloadFormatVersion("2.0")
                .enableSimpleResponses(true).authorizerResultTtlInSeconds(300)
                .identitySource("$request.header.x-token", "$request.header.x-user")).authorizerId();
        apigw.createRoute(b -> b.apiId(api).routeKey("GET /cached").target("integrations/" + echo)
                .authorizationType("CUSTOM").authorizerId(cached));
        apigw.createRoute(b -> b.apiId(api).routeKey("GET /iam").target("integrations/" + echo)
                .authorizationType("AWS_IAM"));
        apigw.createStage(b -> b.apiId(api).stageName("$default").autoDeploy(true));
        for (String f : new String[]{"auth-echo", "authorizers", "policy-authorizer"}) {
            HttpApiTesting.allowApiGateway(lambda, f, api);
        }
    }

    @AfterAll
    static void close() {
        apigw.close();
        issuer.stop(0);
    }

    static void serve(String path, String body) {
        issuer.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] unsigned(byte[] b) {
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    static String token(String audience, long expiresIn, String scope) throws Exception {
        ObjectNode claims = HttpApiTesting.JSON.createObjectNode();
        claims.put("iss", issuerUrl).put("sub", "user-7").put("aud", audience)
                .put("iat", Instant.now().getEpochSecond()).put("exp", Instant.now().getEpochSecond() + expiresIn);
        if (scope != null) {
            claims.put("scope", scope);
        }
        String input = b64("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(HttpApiTesting.JSON.writeValueAsBytes(claims));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(s.sign());
    }

    HttpApiTesting.Curl call(String path, String... headers) {
        String[] args = new String[headers.length * 2];
        for (int i = 0; i < headers.length; i++) {
            args[2 * i] = "-H";
            args[2 * i + 1] = headers[i];
        }
        return HttpApiTesting.curl(tmp, HttpApiTesting.hostUrl(server.endpoint(), api) + path, args);
    }

    @Test
    void aValidTokenReachesTheFunctionWithItsClaims() throws Exception {
        var r = call("/jwt", "Authorization: Bearer " + token("my-app", 300, "read write"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode jwt = r.json().get("requestContext").get("authorizer").get("jwt");
        assertThat(jwt.get("claims").get("sub").asText()).isEqualTo("user-7");
        assertThat(jwt.get("claims").get("iss").asText()).isEqualTo(issuerUrl);
        assertThat(jwt.get("scopes")).extracting(JsonNode::asText).containsExactly("read", "write");
    }

    @Test
    void missingExpiredForeignAndForgedTokensAre401() throws Exception {
        assertThat(call("/jwt").status()).isEqualTo(401);
        assertThat(call("/jwt").text()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(call("/jwt", "Authorization: Bearer " + token("my-app", -10, null)).status()).isEqualTo(401);
        assertThat(call("/jwt", "Authorization: Bearer " + token("other-app", 300, null)).status()).isEqualTo(401);
        String good = token("my-app", 300, null);
        String forged = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(call("/jwt", "Authorization: Bearer " + forged).status()).isEqualTo(401);
        assertThat(call("/jwt", "Authorization: Bearer not.a.token").status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutTheRoutesScopeIs403() throws Exception {
        var r = call("/jwt/admin", "Authorization: " + token("my-app", 300, "read"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(call("/jwt/admin", "Authorization: " + token("my-app", 300, "read admin")).status()).isEqualTo(200);
    }

    @Test
    void aSimpleResponseAuthorizerAllowsDeniesAndPassesItsContext() {
        var allowed = call("/simple", "x-token: open-sesame");
        assertThat(allowed.status()).as(allowed.text()).isEqualTo(200);
        JsonNode context = allowed.json().get("requestContext").get("authorizer").get("lambda");
        assertThat(context.get("user").asText()).isEqualTo("alice");
        assertThat(context.get("type").asText()).isEqualTo("REQUEST");
        assertThat(context.get("routeArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:" + api + "/$default/GET/simple");
        assertThat(context.get("identity")).extracting(JsonNode::asText).containsExactly("open-sesame");

        var denied = call("/simple", "x-token: wrong");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.text()).isEqualTo("{\"message\":\"Forbidden\"}");
        var missing = call("/simple");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    void anIamPolicyAuthorizerWithPayload1AllowsAndDenies() {
        assertThat(call("/policy", "x-token: open-sesame").status()).isEqualTo(200);
        assertThat(call("/policy", "x-token: nope").status()).isEqualTo(403);
    }

    @Test
    void anAwsIamRouteNeedsASigV4SignatureForExecuteApi() {
        String url = HttpApiTesting.hostUrl(server.endpoint(), api) + "/iam";
        var unsigned = HttpApiTesting.curl(tmp, url);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.text()).isEqualTo("{\"message\":\"Forbidden\"}");
        var wrong = HttpApiTesting.curl(tmp, url, "--aws-sigv4", "aws:amz:us-east-1:execute-api",
                "--user", TestServer.KEYS.accessKeyId() + ":not-the-secret");
        assertThat(wrong.status()).isEqualTo(403);
        var signed = HttpApiTesting.curl(tmp, url, "--aws-sigv4", "aws:amz:us-east-1:execute-api",
                "--user", TestServer.KEYS.accessKeyId() + ":" + TestServer.KEYS.secretAccessKey());
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        JsonNode iam = signed.json().get("requestContext").get("authorizer").get("iam");
        assertThat(iam.get("accessKey").asText()).isEqualTo(TestServer.KEYS.accessKeyId());
        assertThat(iam.get("accountId").asText()).isEqualTo(TestServer.ACCOUNT);
    }

    @Test
    void anAuthorizersAnswerIsCachedForItsTtlPerIdentity() {
        int first = call("/cached", "x-token: open-sesame", "x-user: u1").json().get("requestContext")
                .get("authorizer").get("lambda").get("call").asInt();
        int again = call("/cached", "x-token: open-sesame", "x-user: u1").json().get("requestContext")
                .get("authorizer").get("lambda").get("call").asInt();
        assertThat(again).as("the same identity within the TTL is not asked again").isEqualTo(first);
        int other = call("/cached", "x-token: open-sesame", "x-user: u2").json().get("requestContext")
                .get("authorizer").get("lambda").get("call").asInt();
        assertThat(other).as("another identity asks the authorizer").isGreaterThan(first);
        assertThat(call("/cached", "x-token: open-sesame").status()).as("an identity source missing").isEqualTo(401);
    }
}
