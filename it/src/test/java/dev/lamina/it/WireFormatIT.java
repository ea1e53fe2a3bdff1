package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The bytes of Lamina's answers: error headers and bodies, and what hostile requests get. */
class WireFormatIT extends ServerPerClass {
    static RawHttp http;

    @BeforeAll
    static void deployFixtures() {
        http = new RawHttp(server.endpoint());
        Deploy.active(lambda, "wired");
    }


    static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(code);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode body = RawHttp.json(response);
        assertThat(body.path("Type").asText()).isEqualTo(status >= 500 ? "Service" : "User");
    }

    @Test
    void errorBodiesCarryTypeAndTheMessageMemberCasedAsTheModelSays() throws Exception {
        HttpResponse<String> notFound = http.signed("GET", "/2015-03-31/functions/nobody", null);
        assertError(notFound, 404, "ResourceNotFoundException");
        assertThat(RawHttp.json(notFound).path("Message").asText())
                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nobody");

        HttpResponse<String> invalid = http.signed("PUT", "/2015-03-31/functions/wired/configuration",
                "{\"Timeout\": 901}");
        assertError(invalid, 400, "InvalidParameterValueException");
        assertThat(RawHttp.json(invalid).has("message")).isTrue();
        assertThat(RawHttp.json(invalid).has("Message")).isFalse();
    }

    @Test
    void successfulAnswersCarryARequestIdToo() throws Exception {
        HttpResponse<String> ok = http.signed("GET", "/2015-03-31/functions/wired", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void onlyHealthAnswersWithoutASignature() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/health")).build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(health).path("status").asText()).isEqualTo("ok");

        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
                server.endpoint().resolve("/2015-03-31/functions/")).build());
        assertError(unsigned, 403, "MissingAuthenticationTokenException");
    }

    @Test
    void pathsAndMethodsThatNameNoOperationGetJsonErrors() throws Exception {
        assertError(http.signed("GET", "/2015-03-31/nothing-here", null), 404, "UnknownOperationException");
        assertError(http.signed("PATCH", "/2015-03-31/functions/wired", "{}"), 404, "UnknownOperationException");
        HttpResponse<String> later = http.signed("GET", "/2018-10-31/layers", null);
        assertError(later, 501, "NotImplementedException");
        assertThat(RawHttp.json(later).path("message").asText()).contains("ListLayers");
        assertThat(http.signed("GET", "/2015-03-31/functions/", null).statusCode())
                .as("a trailing slash is the same operation").isEqualTo(200);
    }

    @Test
    void bodiesThatAreNotTheExpectedJsonAreRefusedAndHarmless() throws Exception {
        String path = "/2015-03-31/functions/wired/configuration";
        assertError(http.signed("PUT", path, "{\"MemorySize\": "), 400, "SerializationException");
        assertError(http.signed("PUT", path, "[1, 2, 3]"), 400, "SerializationException");
        assertError(http.signed("PUT", path, "{\"MemorySize\": \"lots\"}"), 400, "SerializationException");
        assertError(http.signed("PUT", path, "{\"A\":" + "[".repeat(100_000)), 400, "SerializationException");
        // The JDK's client refuses to send a malformed query, so this one goes over a plain socket.
        assertThat(http.headOnly("GET", "/2015-03-31/functions/?Marker=%zz", 0)).startsWith("HTTP/1.1 400")
                .contains("x-amzn-ErrorType: InvalidParameterValueException");
        assertThat(lambda.getFunction(b -> b.functionName("wired")).configuration().memorySize())
                .isEqualTo(128);
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedBeforeItIsSent() throws Exception {
        String answer = http.headOnly("PUT", "/2015-03-31/functions/wired/configuration", 80L * 1024 * 1024);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("x-amzn-ErrorType: RequestEntityTooLargeException");
        String create = http.headOnly("POST", "/2015-03-31/functions", 80L * 1024 * 1024);
        assertThat(create).startsWith("HTTP/1.1 413").contains("70167211");
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        byte[] body = ("{\"Description\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes();
        HttpResponse<String> response = http.send(http.request("PUT", "/2015-03-31/functions/wired/configuration",
                java.util.Map.of(), body, RawHttp.Signing.root(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertError(response, 413, "RequestEntityTooLargeException");
        assertThat(lambda.getFunction(b -> b.functionName("wired")).configuration().description()).isEmpty();
    }
}
