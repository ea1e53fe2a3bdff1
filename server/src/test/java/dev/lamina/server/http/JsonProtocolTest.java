package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.RequestId;
import dev.lamina.server.auth.Authorizer;
import dev.lamina.server.auth.Caller;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonProtocolTest {
    private static final Caller ROOT = new Caller("AKIA", "arn:aws:iam::000000000000:root", Caller.Kind.ROOT);
    private static final Authorizer ALLOW_ALL = new Authorizer() {
        @Override
        public ApiRequest authorize(Caller caller, String operation, ApiRequest request) {
            return request;
        }

        @Override
        public void authorize(Caller caller, String action, String resource) {
        }
    };

    /** A service whose one operation, Fail, throws what {@code failure} makes. */
    private static JsonProtocol failingWith(java.util.function.Supplier<Throwable> failure) {
        JsonService.Handler handler = in -> {
            Throwable t = failure.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) t;
        };
        return new JsonProtocol(List.of(new JsonService("Test_1", "test", request -> ROOT,
                List.of(new JsonService.Operation("Fail", 1024, in -> "*", handler)))), ALLOW_ALL);
    }

    private static ApiResponse call(JsonProtocol protocol) {
        return protocol.handle("Test_1.Fail", (max, tooLarge) -> new ApiRequest(RequestId.random(), "POST", "/",
                Map.of(), Map.of(), "", h -> Optional.empty(), RequestBody.of("{}".getBytes(StandardCharsets.UTF_8)),
                "127.0.0.1"), () -> { });
    }

    private static JsonNode body(ApiResponse r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.body().writeTo(out);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static int depth(int n) {
        return depth(n + 1) + 1;
    }

    @Test
    void aStackOverflowOrOutOfMemoryInOneRequestAnswersAJson500AndTheNextRequestIsServed() throws IOException {
        JsonProtocol overflow = failingWith(() -> {
            depth(0);
            return new IllegalStateException("unreachable");
        });
        JsonProtocol oom = failingWith(() -> new OutOfMemoryError("Java heap space"));
        JsonProtocol assertion = failingWith(() -> new AssertionError("a bug"));
        for (JsonProtocol p : List.of(overflow, oom, assertion, overflow)) {
            ApiResponse r = call(p);
            assertThat(r.status()).isEqualTo(500);
            assertThat(body(r).get("__type").asText()).isEqualTo("ServiceUnavailableException");
            assertThat(r.headers()).containsEntry("Content-Type", "application/x-amz-json-1.1");
        }
    }

    @Test
    void aBrokenVirtualMachineIsNotHidden() {
        assertThatThrownBy(() -> call(failingWith(() -> new InternalError("broken")))).isInstanceOf(InternalError.class);
    }

    /** SQS's model served with a handler of the test's own (a fake below the codec). */
    private static ApiResponse sqs(String target, ServiceCall.Handler handler, java.util.List<ServiceCall> calls) {
        JsonService sqs = JsonService.of(dev.lamina.server.sqs.SqsEndpoints.model(), java.util.Set.of("GetQueueUrl"),
                "sqs", request -> ROOT, 1024, (op, in) -> "*", call -> {
                    calls.add(call);
                    return handler.handle(call);
                }, Optional.of("com.amazonaws.sqs"));
        return new JsonProtocol(List.of(sqs), ALLOW_ALL).handle(target, (max, tooLarge) -> new ApiRequest(
                RequestId.random(), "POST", "/", Map.of(), Map.of(), "", h -> Optional.empty(),
                RequestBody.of("{\"QueueName\":\"q\"}".getBytes(StandardCharsets.UTF_8)), "127.0.0.1"), () -> { },
                "http://127.0.0.1:9070");
    }

    @Test
    void aJson10ServiceAnswersInItsOwnContentTypeWithTheCallersEndpointAndPrincipal() throws IOException {
        java.util.List<ServiceCall> calls = new java.util.ArrayList<>();
        ApiResponse r = sqs("AmazonSQS.GetQueueUrl", call -> Json.object().put("QueueUrl", call.endpoint() + "/q"), calls);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Content-Type", "application/x-amz-json-1.0");
        assertThat(body(r).path("QueueUrl").asText()).isEqualTo("http://127.0.0.1:9070/q");
        assertThat(calls.getFirst().operation()).isEqualTo("GetQueueUrl");
        assertThat(calls.getFirst().caller().principalId()).isEqualTo("000000000000");
        assertThat(calls.getFirst().input().path("QueueName").asText()).isEqualTo("q");
    }

    @Test
    void anAwsQueryCompatibleServicesErrorsCarryTheirNamespacedTypeAndTheQueryCode() throws IOException {
        ApiResponse r = sqs("AmazonSQS.GetQueueUrl", call -> {
            throw new dev.lamina.model.ServiceException("QueueDoesNotExist",
                    Optional.of("AWS.SimpleQueueService.NonExistentQueue"), 400, true, "The specified queue does not exist.");
        }, new java.util.ArrayList<>());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers()).containsEntry("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")
                .containsEntry("Content-Type", "application/x-amz-json-1.0");
        assertThat(body(r).path("__type").asText()).isEqualTo("com.amazonaws.sqs#QueueDoesNotExist");
        assertThat(body(r).path("message").asText()).isEqualTo("The specified queue does not exist.");

        ApiResponse unknown = sqs("AmazonSQS.DeleteQueue", call -> null, new java.util.ArrayList<>());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(body(unknown).path("__type").asText()).endsWith("UnknownOperationException");
    }
}
