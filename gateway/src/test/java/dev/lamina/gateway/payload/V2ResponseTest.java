package dev.lamina.gateway.payload;

import dev.lamina.gateway.web.WebRequest.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V2ResponseTest {

    private static V2Response.Answer map(String payload) throws V2Response.Invalid {
        return V2Response.map(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(V2Response.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aResponseObjectGivesItsStatusHeadersCookiesAndBody() throws Exception {
        V2Response.Answer answer = map("""
                {"statusCode":201,"headers":{"Content-Type":"text/plain","X-Custom":"v","X-Num":3},
                 "multiValueHeaders":{"X-Multi":["a","b"]},"cookies":["a=1; Path=/","b=2"],"body":"created"}""");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers()).containsExactly(new Header("Content-Type", "text/plain"),
                new Header("X-Custom", "v"), new Header("X-Num", "3"), new Header("X-Multi", "a"),
                new Header("X-Multi", "b"), new Header("Set-Cookie", "a=1; Path=/"), new Header("Set-Cookie", "b=2"));
        assertThat(body(answer)).isEqualTo("created");
    }

    @Test
    void aResponseWithoutContentTypeIsJson() throws Exception {
        V2Response.Answer answer = map("{\"statusCode\":200,\"body\":\"body123\"}");

        assertThat(answer.headers()).containsExactly(new Header("Content-Type", "application/json"));
        assertThat(body(answer)).isEqualTo("body123");
    }

    @Test
    void aNumericStringStatusCodeIsAccepted() throws Exception {
        assertThat(map("{\"statusCode\":\"418\",\"body\":\"i'm a teapot\"}").status()).isEqualTo(418);
    }

    @Test
    void aBase64BodyIsDecoded() throws Exception {
        V2Response.Answer answer = map("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"AAH/\"}");

        assertThat(answer.body()).containsExactly(0, 1, 255);
    }

    @Test
    void aBareValueIsTheBodyOfA200JsonResponse() throws Exception {
        assertThat(body(map("{\"hello\": \"world\"}"))).isEqualTo("{\"hello\":\"world\"}");
        assertThat(body(map("\"hello\""))).isEqualTo("hello");
        assertThat(body(map("3"))).isEqualTo("3");
        assertThat(body(map("3.1"))).isEqualTo("3.1");
        assertThat(body(map("true"))).isEqualTo("true");
        assertThat(body(map("[\"hello\", 3, true]"))).isEqualTo("[\"hello\",3,true]");
        V2Response.Answer answer = map("{\"body\":\"x\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsExactly(new Header("Content-Type", "application/json"));
        assertThat(body(answer)).isEqualTo("{\"body\":\"x\"}");
    }

    @Test
    void framingHeadersFromTheFunctionAreDropped() throws Exception {
        V2Response.Answer answer = map("{\"statusCode\":200,\"headers\":{\"Content-Length\":\"99\",\"Transfer-Encoding\":\"chunked\",\"Connection\":\"close\"}}");

        assertThat(answer.headers()).extracting(Header::name).containsExactly("Content-Type");
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void answersThatAreNoHttpResponseAreInvalid() {
        for (String bad : List.of("not json", "", "{\"statusCode\":99}", "{\"statusCode\":600}",
                "{\"statusCode\":\"abc\"}", "{\"statusCode\":200.5}", "{\"statusCode\":null}",
                "{\"statusCode\":200,\"headers\":[]}", "{\"statusCode\":200,\"headers\":{\"a\":{}}}",
                "{\"statusCode\":200,\"headers\":{\"X-Evil\":\"a\\r\\nSet-Cookie: x\"}}",
                "{\"statusCode\":200,\"headers\":{\"Bad Name\":\"v\"}}",
                "{\"statusCode\":200,\"cookies\":\"a=1\"}",
                "{\"statusCode\":200,\"multiValueHeaders\":{\"a\":\"b\"}}",
                "{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"!!!\"}",
                "{\"a\":1} trailing")) {
            assertThatThrownBy(() -> map(bad)).as(bad).isInstanceOf(V2Response.Invalid.class);
        }
    }
}
