package dev.lamina.gateway.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.web.WebRequest.Header;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class V1EventTest {

    private static V1Request.Context context(Optional<ObjectNode> authorizer) {
        return new V1Request.Context("000000000000", "a1b2c3d4e5", "a1b2c3d4e5.execute-api.localhost", "a1b2c3d4e5",
                "req-1", "ext", "r00t", "/{proxy+}", "prod", "/prod/hello/world", "HTTP/1.1", "10.0.0.1",
                Optional.of("curl/8"), 1583349317135L, Optional.empty(), authorizer);
    }

    private static V1Request request(List<Header> headers, String query) {
        return new V1Request(Optional.empty(), "/{proxy+}", "/hello/world", "POST", headers, query,
                Map.of("proxy", "hello/world"), Map.of(), context(Optional.empty()), Optional.of("{\"a\":1}"), false);
    }

    @Test
    void headersKeepTheClientsSpellingAndTheLastValueOfARepeat() {
        JsonNode e = V1Event.build(request(List.of(new Header("X-Trace", "one"), new Header("content-TYPE", "text/plain"),
                new Header("x-trace", "two")), ""));

        assertThat(e.get("headers").get("X-Trace").asText()).isEqualTo("two");
        assertThat(e.get("headers").get("content-TYPE").asText()).isEqualTo("text/plain");
        assertThat(e.get("headers").has("x-trace")).isFalse();
        assertThat(e.get("multiValueHeaders").get("X-Trace")).hasSize(2);
        assertThat(e.get("multiValueHeaders").get("X-Trace").get(1).asText()).isEqualTo("two");
    }

    @Test
    void queryParametersAreDecodedAndARepeatedKeyKeepsItsLastValueInTheSingleMap() {
        JsonNode e = V1Event.build(request(List.of(), "a=1&b=x%20y&a=2&flag&c=plus+sign&bad=%zz"));

        assertThat(e.get("queryStringParameters").get("a").asText()).isEqualTo("2");
        assertThat(e.get("queryStringParameters").get("b").asText()).isEqualTo("x y");
        assertThat(e.get("queryStringParameters").get("flag").asText()).isEmpty();
        assertThat(e.get("queryStringParameters").get("c").asText()).isEqualTo("plus sign");
        assertThat(e.get("queryStringParameters").get("bad").asText()).isEqualTo("%zz");
        assertThat(e.get("multiValueQueryStringParameters").get("a").toString()).isEqualTo("[\"1\",\"2\"]");
    }

    @Test
    void emptyMapsAreNullAsApiGatewaySendsThem() {
        JsonNode e = V1Event.build(request(List.of(), ""));

        assertThat(e.get("headers").isNull()).isTrue();
        assertThat(e.get("multiValueHeaders").isNull()).isTrue();
        assertThat(e.get("queryStringParameters").isNull()).isTrue();
        assertThat(e.get("multiValueQueryStringParameters").isNull()).isTrue();
        assertThat(e.get("stageVariables").isNull()).isTrue();
        assertThat(e.get("pathParameters").get("proxy").asText()).isEqualTo("hello/world");
    }

    @Test
    void theRestEventHasNoVersionAndTheRequestContextOfAws() {
        JsonNode e = V1Event.build(request(List.of(), ""));

        assertThat(e.has("version")).isFalse();
        assertThat(e.get("resource").asText()).isEqualTo("/{proxy+}");
        assertThat(e.get("path").asText()).isEqualTo("/hello/world");
        assertThat(e.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(e.get("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
        JsonNode ctx = e.get("requestContext");
        assertThat(ctx.get("path").asText()).isEqualTo("/prod/hello/world");
        assertThat(ctx.get("stage").asText()).isEqualTo("prod");
        assertThat(ctx.get("resourceId").asText()).isEqualTo("r00t");
        assertThat(ctx.get("resourcePath").asText()).isEqualTo("/{proxy+}");
        assertThat(ctx.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(ctx.get("requestTime").asText()).isEqualTo("04/Mar/2020:19:15:17 +0000");
        assertThat(ctx.get("requestTimeEpoch").asLong()).isEqualTo(1583349317135L);
        assertThat(ctx.get("domainPrefix").asText()).isEqualTo("a1b2c3d4e5");
        assertThat(ctx.has("authorizer")).isFalse();
        JsonNode identity = ctx.get("identity");
        assertThat(identity.get("sourceIp").asText()).isEqualTo("10.0.0.1");
        assertThat(identity.get("userAgent").asText()).isEqualTo("curl/8");
        assertThat(identity.get("accessKey").isNull()).isTrue();
        assertThat(identity.get("cognitoIdentityPoolId").isNull()).isTrue();
        assertThat(identity.size()).isEqualTo(12);
    }

    @Test
    void anHttpApiEventCarriesItsVersionAndAuthorizer() {
        ObjectNode authorizer = JsonNodeFactory.instance.objectNode().putNull("claims");
        V1Request r = new V1Request(Optional.of("1.0"), "/items", "/items", "GET", List.of(), "", Map.of(),
                Map.of("v", "1"), context(Optional.of(authorizer)), Optional.empty(), false);

        JsonNode e = V1Event.build(r);

        assertThat(e.get("version").asText()).isEqualTo("1.0");
        assertThat(e.get("body").isNull()).isTrue();
        assertThat(e.get("stageVariables").get("v").asText()).isEqualTo("1");
        assertThat(e.get("requestContext").get("authorizer").has("claims")).isTrue();
    }

    @Test
    void anExtendedRequestIdLooksLikeApiGatewaysAndIsStable() {
        assertThat(V1Event.extendedRequestId("abc")).hasSize(16).endsWith("=")
                .isEqualTo(V1Event.extendedRequestId("abc"));
    }

    @Test
    void decodingKeepsUtf8AndMalformedEscapes() {
        assertThat(V1Event.decode("%D0%BF%D1%80", false)).isEqualTo("пр");
        assertThat(V1Event.decode("a+b%2", false)).isEqualTo("a+b%2");
        assertThat(V1Event.decode("€%41", false)).isEqualTo("€A");
    }
}
