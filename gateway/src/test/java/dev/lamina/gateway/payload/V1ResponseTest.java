package dev.lamina.gateway.payload;

import dev.lamina.gateway.web.WebRequest.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class V1ResponseTest {

    private static V1Response parse(String json) {
        return V1Response.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellFormedResponseKeepsStatusHeadersAndBody() {
        V1Response r = parse("{\"statusCode\":201,\"headers\":{\"X-One\":\"1\",\"X-Num\":5},\"body\":\"hi\"}");

        assertThat(r).isInstanceOf(V1Response.Proxy.class);
        V1Response.Proxy p = (V1Response.Proxy) r;
        assertThat(p.statusCode()).isEqualTo(201);
        assertThat(p.headers()).containsExactly(new Header("X-One", "1"), new Header("X-Num", "5"));
        assertThat(p.body()).isEqualTo("hi");
        assertThat(p.base64()).isFalse();
    }

    @Test
    void multiValueHeadersMergeWithHeadersWithoutRepeatingAPair() {
        V1Response.Proxy p = (V1Response.Proxy) parse("{\"statusCode\":200,\"headers\":{\"Set-Cookie\":\"a=1\",\"x\":\"y\"},"
                + "\"multiValueHeaders\":{\"set-cookie\":[\"a=1\",\"b=2\"]}}");

        assertThat(p.headers()).containsExactly(new Header("set-cookie", "a=1"), new Header("set-cookie", "b=2"),
                new Header("x", "y"));
        assertThat(p.body()).isEmpty();
    }

    @Test
    void aBase64BodyDecodes() {
        V1Response.Proxy p = (V1Response.Proxy) parse("{\"statusCode\":200,\"body\":\"AAEC\",\"isBase64Encoded\":true}");

        assertThat(p.decodedBody()).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 2));
        assertThat(((V1Response.Proxy) parse("{\"statusCode\":200,\"body\":\"!!\",\"isBase64Encoded\":true}"))
                .decodedBody()).isEmpty();
    }

    @Test
    void aStatusAsDigitsIsAccepted() {
        assertThat(((V1Response.Proxy) parse("{\"statusCode\":\"404\"}")).statusCode()).isEqualTo(404);
    }

    @Test
    void anythingElseIsMalformed() {
        for (String bad : new String[]{"", "not json", "\"text\"", "[1]", "null", "{}", "{\"body\":\"x\"}",
                "{\"statusCode\":99}", "{\"statusCode\":600}", "{\"statusCode\":2.5}", "{\"statusCode\":\"OK\"}",
                "{\"statusCode\":200,\"body\":{\"a\":1}}", "{\"statusCode\":200,\"cookies\":[]}",
                "{\"statusCode\":200,\"headers\":{\"a\":{}}}", "{\"statusCode\":200,\"headers\":[]}",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"a\":\"b\"}}",
                "{\"statusCode\":200,\"isBase64Encoded\":\"yes\"}", "{\"statusCode\":200}}"}) {
            assertThat(parse(bad)).as(bad).isInstanceOf(V1Response.Malformed.class);
        }
    }

    @Test
    void deepNestingIsMalformedNotAnError() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(parse("{\"statusCode\":200,\"body\":" + deep + "}")).isInstanceOf(V1Response.Malformed.class);
    }
}
