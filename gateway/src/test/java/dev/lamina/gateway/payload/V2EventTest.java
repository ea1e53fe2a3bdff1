package dev.lamina.gateway.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.web.IamCaller;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebRequest.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class V2EventTest {
    private static final Instant AT = Instant.parse("2020-03-12T19:03:58.390Z");

    static WebRequest request(String method, String path, String query, List<Header> headers, byte[] body) {
        return new WebRequest("req-1", "abcdefghijklmnopqrstuvwxyz012345", method, path, query, headers, body,
                "203.0.113.7", "HTTP/1.1", AT);
    }

    private static ObjectNode urlEvent(WebRequest request) {
        return V2Event.build(request, V2Route.functionUrl("abcdefghijklmnopqrstuvwxyz012345",
                "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.localhost", "anonymous", Optional.empty()));
    }

    @Test
    void aFunctionUrlEventCarriesEveryFieldLambdaDocuments() {
        WebRequest request = request("POST", "/my/path", "parameter1=value1&parameter1=value2&parameter2=value",
                List.of(new Header("Host", "abc.lambda-url.us-east-1.localhost:9070"),
                        new Header("Header1", "value1"),
                        new Header("header2", "value1"), new Header("Header2", "value2"),
                        new Header("Cookie", "cookie1=a; cookie2=b"),
                        new Header("User-Agent", "agent"),
                        new Header("Content-Type", "text/plain")),
                "Hello from client!".getBytes(StandardCharsets.UTF_8));

        ObjectNode event = urlEvent(request);

        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("$default");
        assertThat(event.get("rawPath").asText()).isEqualTo("/my/path");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("parameter1=value1&parameter1=value2&parameter2=value");
        assertThat(event.get("cookies").toString()).isEqualTo("[\"cookie1=a\",\"cookie2=b\"]");
        assertThat(event.get("headers").get("header1").asText()).isEqualTo("value1");
        assertThat(event.get("headers").get("header2").asText()).isEqualTo("value1,value2");
        assertThat(event.get("headers").has("cookie")).isFalse();
        assertThat(event.get("headers").get("x-forwarded-for").asText()).isEqualTo("203.0.113.7");
        assertThat(event.get("headers").get("x-forwarded-port").asText()).isEqualTo("9070");
        assertThat(event.get("headers").get("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(event.get("headers").get("x-amzn-trace-id").asText()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(event.get("queryStringParameters").get("parameter1").asText()).isEqualTo("value1,value2");
        assertThat(event.get("queryStringParameters").get("parameter2").asText()).isEqualTo("value");
        JsonNode context = event.get("requestContext");
        assertThat(context.get("accountId").asText()).isEqualTo("anonymous");
        assertThat(context.get("apiId").asText()).isEqualTo("abcdefghijklmnopqrstuvwxyz012345");
        assertThat(context.get("domainName").asText()).isEqualTo("abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.localhost");
        assertThat(context.get("domainPrefix").asText()).isEqualTo("abcdefghijklmnopqrstuvwxyz012345");
        assertThat(context.get("http").toString()).isEqualTo(
                "{\"method\":\"POST\",\"path\":\"/my/path\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"203.0.113.7\",\"userAgent\":\"agent\"}");
        assertThat(context.get("requestId").asText()).isEqualTo("req-1");
        assertThat(context.get("routeKey").asText()).isEqualTo("$default");
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("time").asText()).isEqualTo("12/Mar/2020:19:03:58 +0000");
        assertThat(context.get("timeEpoch").asLong()).isEqualTo(1584039838390L);
        assertThat(context.has("authorizer")).isFalse();
        assertThat(event.get("body").asText()).isEqualTo("Hello from client!");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("pathParameters").isNull()).isTrue();
        assertThat(event.get("stageVariables").isNull()).isTrue();
    }

    @Test
    void aRequestWithoutQueryCookiesOrBodyLeavesThoseFieldsOut() {
        ObjectNode event = urlEvent(request("GET", "/", "", List.of(), new byte[0]));

        assertThat(event.has("cookies")).isFalse();
        assertThat(event.has("queryStringParameters")).isFalse();
        assertThat(event.has("body")).isFalse();
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("rawQueryString").asText()).isEmpty();
        assertThat(event.get("requestContext").get("http").get("userAgent").asText()).isEmpty();
    }

    @Test
    void thePathStaysAsSentAndQueryValuesAreDecoded() {
        ObjectNode event = urlEvent(request("GET", "/pa2%Fth/1", "q=a%20b+c&multiQuery=foo&multiQuery=%2Fbar&flag&bad=%zz",
                List.of(), new byte[0]));

        assertThat(event.get("rawPath").asText()).isEqualTo("/pa2%Fth/1");
        assertThat(event.get("requestContext").get("http").get("path").asText()).isEqualTo("/pa2%Fth/1");
        JsonNode query = event.get("queryStringParameters");
        assertThat(query.get("q").asText()).isEqualTo("a b c");
        assertThat(query.get("multiQuery").asText()).isEqualTo("foo,/bar");
        assertThat(query.get("flag").asText()).isEmpty();
        assertThat(query.get("bad").asText()).isEqualTo("%zz");
    }

    @Test
    void textJsonAndXmlBodiesStayTextEverythingElseIsBase64() {
        byte[] body = "a=1&b=2".getBytes(StandardCharsets.UTF_8);
        String encoded = Base64.getEncoder().encodeToString(body);
        Map<String, Boolean> base64ByType = Map.of(
                "text/plain; charset=utf-8", false,
                "application/json", false,
                "application/vnd.api+json", false,
                "application/xml", false,
                "text/html", false,
                "application/x-www-form-urlencoded", true,
                "multipart/form-data; boundary=x", true,
                "application/octet-stream", true,
                "image/png", true);
        base64ByType.forEach((type, base64) -> {
            ObjectNode event = urlEvent(request("POST", "/", "", List.of(new Header("Content-Type", type)), body));
            assertThat(event.get("isBase64Encoded").asBoolean()).as(type).isEqualTo(base64);
            assertThat(event.get("body").asText()).as(type).isEqualTo(base64 ? encoded : "a=1&b=2");
        });
        ObjectNode untyped = urlEvent(request("POST", "/", "", List.of(), body));
        assertThat(untyped.get("isBase64Encoded").asBoolean()).isTrue();
    }

    @Test
    void aTextBodyThatIsNotUtf8IsBase64() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 'a'};
        ObjectNode event = urlEvent(request("POST", "/", "", List.of(new Header("Content-Type", "text/plain")), body));

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(body);
    }

    @Test
    void anIamAuthorizerCarriesTheSignersIdentity() {
        IamCaller caller = new IamCaller("AKIAEXAMPLE", "111122223333", "AIDAEXAMPLE",
                "arn:aws:iam::111122223333:user/alice");
        ObjectNode event = V2Event.build(request("GET", "/", "", List.of(), new byte[0]),
                V2Route.functionUrl("id", "id.lambda-url.us-east-1.localhost", "000000000000",
                        Optional.of(V2Event.iamAuthorizer(caller))));

        JsonNode iam = event.get("requestContext").get("authorizer").get("iam");
        assertThat(iam.get("accessKey").asText()).isEqualTo("AKIAEXAMPLE");
        assertThat(iam.get("accountId").asText()).isEqualTo("111122223333");
        assertThat(iam.get("callerId").asText()).isEqualTo("AIDAEXAMPLE");
        assertThat(iam.get("userArn").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(iam.get("cognitoIdentity").isNull()).isTrue();
    }

    @Test
    void anHttpApiEventCarriesItsRouteStageAndParametersAndOmitsAbsentOnes() throws Exception {
        WebRequest request = request("GET", "/items/7", "", List.of(), new byte[0]);
        ObjectNode event = V2Event.build(request, V2Route.httpApi("a1b2c3", "a1b2c3.execute-api.localhost",
                "000000000000", "GET /items/{id}", "$default", Map.of("id", "7"), Map.of(), Optional.empty()));

        assertThat(event.get("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(event.get("requestContext").get("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(event.get("requestContext").get("domainPrefix").asText()).isEqualTo("a1b2c3");
        assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("7");
        assertThat(event.has("stageVariables")).isFalse();
        assertThat(new ObjectMapper().readTree(V2Event.bytes(request, V2Route.httpApi("a1b2c3", "h", "1",
                "$default", "$default", Map.of(), Map.of("v", "1"), Optional.empty()))).get("stageVariables").get("v").asText())
                .isEqualTo("1");
    }
}
