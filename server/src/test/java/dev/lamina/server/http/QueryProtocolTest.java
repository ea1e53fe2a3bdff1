package dev.lamina.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.RequestId;
import dev.lamina.model.ServiceException;
import dev.lamina.server.auth.Authorizer;
import dev.lamina.server.auth.Caller;
import dev.lamina.server.sqs.SqsEndpoints;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The query protocol between the edge and a service of the test's own (a fake below the codec). */
class QueryProtocolTest {
    private static final Caller USER = new Caller("AKIAUSER", "arn:aws:iam::000000000000:user/u", Caller.Kind.USER,
            "AIDAUSER");
    private final List<String> authorized = new ArrayList<>();
    private final List<ServiceCall> calls = new ArrayList<>();
    private RuntimeException failure;
    private boolean deny;

    private QueryProtocol protocol() {
        ServiceModel model = SqsEndpoints.model();
        QueryService sqs = new QueryService("sqs", "sqs", request -> USER, model, Set.of("SendMessage", "GetQueueUrl"),
                1024, (op, in) -> "arn:" + in.path("QueueUrl").asText("*"), call -> {
                    calls.add(call);
                    if (failure != null) {
                        throw failure;
                    }
                    return Json.object().put("MessageId", "m-1").put("MD5OfMessageBody", "d");
                }, Optional.of("QueueUrl"));
        return new QueryProtocol(List.of(sqs), new Authorizer() {
            @Override
            public ApiRequest authorize(Caller caller, String operation, ApiRequest request) {
                throw new AssertionError("the query protocol authorizes actions on resources");
            }

            @Override
            public void authorize(Caller caller, String action, String resource) {
                authorized.add(caller.principalId() + " " + action + " " + resource);
                if (deny) {
                    throw new LambdaException(ErrorCode.ACCESS_DENIED, "not you");
                }
            }
        });
    }

    private ApiResponse post(Optional<String> scope, String path, String form) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        return protocol().handle(scope, (max, tooLarge) -> {
            if (body.length > max) {
                throw tooLarge;
            }
            return new ApiRequest(RequestId.random(), "POST", path, Map.of(), Map.of(), "",
                    h -> h.equalsIgnoreCase("Content-Type") ? Optional.of("application/x-www-form-urlencoded; charset=utf-8")
                            : Optional.empty(), RequestBody.of(body), "127.0.0.1:9070");
        }, () -> { }, "http://127.0.0.1:9070", "req-9");
    }

    private static String text(ApiResponse r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.body().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedActionRunsAfterAuthorizationAndAnswersXml() throws IOException {
        ApiResponse r = post(Optional.of("sqs"), "/", "Action=SendMessage&QueueUrl=http%3A%2F%2Fh%2F000000000000%2Fq"
                + "&MessageBody=hi");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Content-Type", "text/xml");
        assertThat(text(r)).contains("<SendMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
                + "<SendMessageResult><MD5OfMessageBody>d</MD5OfMessageBody><MessageId>m-1</MessageId>")
                .contains("<RequestId>req-9</RequestId>");
        assertThat(authorized).containsExactly("AIDAUSER sqs:SendMessage arn:http://h/000000000000/q");
        assertThat(calls.getFirst().endpoint()).isEqualTo("http://127.0.0.1:9070");
        assertThat(calls.getFirst().input().path("MessageBody").asText()).isEqualTo("hi");
    }

    @Test
    void aGetCarriesItsParametersInTheQueryString() {
        ApiResponse r = protocol().handle(Optional.of("sqs"), (max, tooLarge) -> new ApiRequest(RequestId.random(), "GET",
                "/", Map.of(), Map.of(), "Action=GetQueueUrl&QueueName=jobs&X-Amz-Signature=ignored",
                h -> Optional.empty(), RequestBody.of(new byte[0]), "h"), () -> { }, "http://h", "req-1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(calls.getFirst().operation()).isEqualTo("GetQueueUrl");
        assertThat(calls.getFirst().input().toString()).isEqualTo("{\"QueueName\":\"jobs\"}");
    }

    @Test
    void aRequestPostedToAQueuePathTakesItsQueueUrlFromThePath() {
        post(Optional.of("sqs"), "/000000000000/jobs", "Action=SendMessage&MessageBody=hi");
        assertThat(calls.getFirst().input().path("QueueUrl").asText()).isEqualTo("http://127.0.0.1:9070/000000000000/jobs");
        assertThat(authorized).containsExactly("AIDAUSER sqs:SendMessage arn:http://127.0.0.1:9070/000000000000/jobs");
    }

    @Test
    void anUnknownOrMissingActionIsTheProtocolsErrorAndRunsNothing() throws IOException {
        ApiResponse unknown = post(Optional.of("sqs"), "/", "Action=DeleteQueue&QueueUrl=u");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(text(unknown)).startsWith("<?xml version=\"1.0\"?><ErrorResponse xmlns=\"http://queue.amazonaws.com"
                + "/doc/2012-11-05/\"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>The action DeleteQueue"
                + " is not valid for this web service.</Message><Detail/></Error><RequestId>req-9</RequestId>");
        ApiResponse missing = post(Optional.of("sqs"), "/", "QueueUrl=u");
        assertThat(text(missing)).contains("<Code>MissingAction</Code>");
        ApiResponse unsignedUnknown = post(Optional.empty(), "/", "Action=ListUsers");
        assertThat(unsignedUnknown.status()).isEqualTo(400);
        assertThat(text(unsignedUnknown)).contains("<Code>InvalidAction</Code>");
        assertThat(calls).isEmpty();
        assertThat(authorized).isEmpty();
    }

    @Test
    void aServiceErrorIsRenderedWithItsQueryCodeTypeAndStatus() throws IOException {
        failure = new ServiceException("QueueDoesNotExist", Optional.of("AWS.SimpleQueueService.NonExistentQueue"), 400,
                true, "The specified queue does not exist.");
        ApiResponse r = post(Optional.of("sqs"), "/", "Action=GetQueueUrl&QueueName=nope");
        assertThat(r.status()).isEqualTo(400);
        assertThat(text(r)).contains("<Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>"
                + "<Message>The specified queue does not exist for this wsdl version.</Message><Detail/></Error>");
        failure = new ServiceException("KmsThrottled", Optional.empty(), 503, false, "slow");
        ApiResponse receiver = post(Optional.of("sqs"), "/", "Action=GetQueueUrl&QueueName=nope");
        assertThat(receiver.status()).isEqualTo(503);
        assertThat(text(receiver)).contains("<Type>Receiver</Type><Code>KmsThrottled</Code>");
    }

    @Test
    void refusalsAndFailuresAreXmlNotStackTraces() throws IOException {
        deny = true;
        ApiResponse denied = post(Optional.of("sqs"), "/", "Action=SendMessage&QueueUrl=u&MessageBody=b");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(text(denied)).contains("<Code>AccessDenied</Code><Message>not you</Message>");
        assertThat(calls).isEmpty();
        deny = false;
        failure = new IllegalStateException("bug");
        ApiResponse broken = post(Optional.of("sqs"), "/", "Action=SendMessage&QueueUrl=u&MessageBody=b");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(text(broken)).contains("<Type>Receiver</Type><Code>InternalError</Code>").doesNotContain("bug");
        ApiResponse large = post(Optional.of("sqs"), "/", "Action=SendMessage&QueueUrl=u&MessageBody=" + "x".repeat(2000));
        assertThat(large.status()).isEqualTo(413);
        ApiResponse badType = post(Optional.of("sqs"), "/", "Action=SendMessage&QueueUrl=u&MessageBody=b&DelaySeconds=x");
        assertThat(text(badType)).contains("<Code>InvalidParameterValue</Code>");
    }
}
