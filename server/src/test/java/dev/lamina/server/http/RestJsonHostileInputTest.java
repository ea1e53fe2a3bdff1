package dev.lamina.server.http;

import dev.lamina.server.gateway.GatewayEdge;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.Region;
import dev.lamina.model.RequestId;
import dev.lamina.server.auth.Authorizer;
import dev.lamina.server.auth.Caller;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests to the rest-json codec: each is API Gateway's 400 (or 404, 413), never a 500,
 * and reaches no operation. The codec is called directly; authentication admits the root.
 */
class RestJsonHostileInputTest {
    private static final RecordingOperations V2 = new RecordingOperations("dev/lamina/gateway/api/apigatewayv2.json",
            Set.of("CreateApi", "GetApis", "CreateRoute"));
    private static final Caller ROOT = new Caller("LKIAROOT", "arn:aws:iam::000000000000:root", Caller.Kind.ROOT);
    private static final RestJsonProtocol CODEC = new RestJsonProtocol(List.of(GatewayEdge.service("/v2/", V2)),
            r -> ROOT, new Authorizer() {
        @Override
        public ApiRequest authorize(Caller caller, String operation, ApiRequest request) {
            return request;
        }

        @Override
        public void authorize(Caller caller, String action, String resource) {
        }
    }, new Region("us-east-1"));

    private static ApiResponse call(String method, String path, String query, byte[] body) {
        return CODEC.handle((limit, tooLarge) -> {
            if (body.length > limit) {
                throw tooLarge;
            }
            return new ApiRequest(RequestId.random(), method, path, Map.of(), Map.of(), query, name -> Optional.empty(),
                    RequestBody.of(body), "localhost");
        }, () -> { }, "http://localhost");
    }

    private static JsonNode body(ApiResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().writeTo(out);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{", "null", "\"text\"", "{\"name\":5,\"protocolType\":\"HTTP\"}",
            "{\"name\":\"a\",\"protocolType\":\"HTTP\",\"corsConfiguration\":{\"maxAge\":\"x\"}}",
            "{\"name\":\"a\",\"protocolType\":\"HTTP\",\"corsConfiguration\":[]}",
            "{\"name\":\"a\",\"protocolType\":\"HTTP\",\"tags\":{\"k\":7}}",
            "{\"name\":\"a\",\"name\":\"b\",\"protocolType\":\"HTTP\"}",
            "{\"name\":\"a\",\"protocolType\":\"HTTP\",\"corsConfiguration\":{\"maxAge\":1e999999}}",
            "{\"name\":\"a\",\"protocolType\":\"HTTP\",\"corsConfiguration\":{\"allowOrigins\":\"*\"}}",
            "\u0000\u0001garbage"})
    void aMalformedBodyIsABadRequest(String document) throws IOException {
        V2.lastOperation = null;
        ApiResponse answer = call("POST", "/v2/apis", "", document.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers()).containsEntry("x-amzn-ErrorType", "BadRequestException");
        assertThat(body(answer).path("message").asText()).isNotEmpty();
        assertThat(V2.lastOperation).isNull();
    }

    @Test
    void deepNestingIsABadRequest() {
        String deep = "{\"name\":\"a\",\"protocolType\":\"HTTP\",\"tags\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(call("POST", "/v2/apis", "", deep.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void malformedEscapesInPathAndQueryAreNoServerError() {
        assertThat(call("POST", "/v2/apis/%zz/routes", "", "{}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v2/apis", "maxResults=%zz&nextToken=%", new byte[0]).status()).isEqualTo(200);
        assertThat(call("GET", "/nope/../v2/apis", "", new byte[0]).status()).isEqualTo(404);
    }

    @Test
    void aBodyOverTenMegabytesIs413() {
        ApiResponse answer = call("POST", "/v2/apis", "", new byte[(int) RestJsonProtocol.MAX_BODY_BYTES + 1]);
        assertThat(answer.status()).isEqualTo(413);
    }
}
