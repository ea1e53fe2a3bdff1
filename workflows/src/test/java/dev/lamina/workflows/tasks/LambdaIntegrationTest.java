package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.LambdaErrors;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.workflows.data.StatesError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static dev.lamina.workflows.tasks.Fakes.call;
import static dev.lamina.workflows.tasks.Fakes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaIntegrationTest {
    private static final Region REGION = new Region("us-east-1");
    private static final AccountId ACCOUNT = new AccountId("000000000000");

    private static Invoker.Result ok(Invoker.Request r, String payload) {
        return new Invoker.Result(r.requestId(), payload.getBytes(StandardCharsets.UTF_8), Optional.empty(), "$LATEST",
                r.tailLog() ? Optional.of("dGFpbA==") : Optional.empty());
    }

    private static Invoker.Result failed(Invoker.Request r, String document) {
        return new Invoker.Result(r.requestId(), document.getBytes(StandardCharsets.UTF_8), Optional.of("Unhandled"),
                "$LATEST", Optional.empty());
    }

    private static String sent(Fakes.Functions f) {
        return new String(f.requests.getFirst().payload(), StandardCharsets.UTF_8);
    }

    @Test
    void invokeAnswersTheParsedPayloadWithAwsFieldsAndHttpMetadata() throws Exception {
        var functions = new Fakes.Functions(r -> ok(r, "[1,2]"));
        var listener = new Fakes.Listener();
        JsonNode out = new LambdaIntegration(functions, REGION, ACCOUNT).run(
                call("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"f\",\"Payload\":{\"a\":1}}"), listener);

        String requestId = functions.requests.getFirst().requestId();
        assertThat(listener.started).isEqualTo(1);
        assertThat(sent(functions)).isEqualTo("{\"a\":1}");
        assertThat(out.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(out.get("Payload")).isEqualTo(json("[1,2]"));
        assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(out.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(out.at("/SdkHttpMetadata/HttpHeaders/Content-Length").asText()).isEqualTo("5");
        assertThat(out.at("/SdkHttpMetadata/AllHttpHeaders/X-Amz-Executed-Version")).isEqualTo(json("[\"$LATEST\"]"));
        assertThat(out.at("/SdkResponseMetadata/RequestId").asText()).isEqualTo(requestId);
        assertThat(out.at("/SdkHttpMetadata/AllHttpHeaders/x-amzn-RequestId").asText()).isEqualTo(requestId);
        assertThat(out.has("LogResult")).isFalse();
    }

    @Test
    void aResponseThatIsNotJsonIsAnsweredAsText() throws Exception {
        var functions = new Fakes.Functions(r -> ok(r, "plain words"));
        JsonNode out = new LambdaIntegration(functions, REGION, ACCOUNT).run(
                call("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"f\"}"), TaskListener.NONE);
        assertThat(out.get("Payload").textValue()).isEqualTo("plain words");
    }

    @Test
    void payloadsAreSentAsStepFunctionsSendsThem() {
        assertThat(new String(LambdaPayloads.request(json("\"[]\"")))).isEqualTo("[]");
        assertThat(new String(LambdaPayloads.request(json("\"0.0\"")))).isEqualTo("0.0");
        assertThat(new String(LambdaPayloads.request(json("\"HelloWorld\"")))).isEqualTo("\"HelloWorld\"");
        assertThat(new String(LambdaPayloads.request(json("null")))).isEqualTo("{}");
        assertThat(new String(LambdaPayloads.request(null))).isEqualTo("{}");
        assertThat(new String(LambdaPayloads.request(json("true")))).isEqualTo("true");
    }

    @Test
    void aFunctionErrorFailsTheTaskWithItsErrorTypeAndDocument() {
        String doc = "{\"errorMessage\":\"Some exception was raised.\",\"errorType\":\"Exception\",\"requestId\":\"r\","
                + "\"stackTrace\":[]}";
        var functions = new Fakes.Functions(r -> failed(r, doc.replace(",", ", ").replace(":", ": ")));
        assertThatThrownBy(() -> new LambdaIntegration(functions, REGION, ACCOUNT).run(
                call("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"f\",\"Payload\":null}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("Exception");
                    assertThat(e.cause()).contains(doc);
                });
    }

    @Test
    void theFunctionArnFormKeepsTheErrorDocumentAsTheRuntimeWroteIt() {
        String doc = "{\"errorMessage\": \"\", \"errorType\": \"CustomException\", \"stackTrace\": []}";
        var functions = new Fakes.Functions(r -> failed(r, doc));
        assertThatThrownBy(() -> new LambdaIntegration(functions, REGION, ACCOUNT).run(
                call("arn:aws:lambda:us-east-1:000000000000:function:f", "{}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("CustomException");
                    assertThat(e.cause()).contains(doc);
                });
    }

    @Test
    void aTimedOutFunctionIsLambdaUnknown() {
        String doc = "{\"errorMessage\":\"RequestId: r Error: Task timed out after 1.00 seconds\",\"errorType\":\"Sandbox.Timedout\"}";
        var functions = new Fakes.Functions(r -> failed(r, doc));
        assertThatThrownBy(() -> new LambdaIntegration(functions, REGION, ACCOUNT).run(
                call("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"f\"}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("Lambda.Unknown");
                    assertThat(e.cause().orElseThrow()).startsWith("The cause could not be determined because Lambda "
                            + "did not return an error type. Returned payload: " + doc);
                });
    }

    @Test
    void aMissingFunctionIsLambdaResourceNotFoundExceptionWithAwsCause() {
        var functions = new Fakes.Functions(r -> {
            throw LambdaErrors.functionNotFound(FunctionArn.of(REGION, ACCOUNT, r.function().name()));
        });
        assertThatThrownBy(() -> new LambdaIntegration(functions, REGION, ACCOUNT).run(
                call("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"nope\"}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("Lambda.ResourceNotFoundException");
                    assertThat(e.cause().orElseThrow()).matches("Function not found: arn:aws:lambda:us-east-1:"
                            + "000000000000:function:nope:\\$LATEST \\(Service: AWSLambda; Status Code: 404; Error Code: "
                            + "ResourceNotFoundException; Request ID: [-0-9a-f]{36}; Proxy: null\\)");
                });
    }

    @Test
    void theFunctionArnFormSendsTheInputAndAnswersTheResponseItself() throws Exception {
        var functions = new Fakes.Functions(r -> ok(r, "\"HelloWorld!\""));
        JsonNode out = new LambdaIntegration(functions, REGION, ACCOUNT).run(
                call("arn:aws:lambda:us-east-1:000000000000:function:f:live", "{\"x\":[1]}"), TaskListener.NONE);
        assertThat(out.textValue()).isEqualTo("HelloWorld!");
        assertThat(sent(functions)).isEqualTo("{\"x\":[1]}");
        assertThat(functions.requests.getFirst().qualifier()).contains(new Qualifier.Alias("live"));
    }

    @Test
    void qualifierClientContextAndTailLogReachTheInvocation() throws Exception {
        var functions = new Fakes.Functions(r -> ok(r, "{}"));
        JsonNode out = new LambdaIntegration(functions, REGION, ACCOUNT).run(call("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"arn:aws:lambda:us-east-1:000000000000:function:f\",\"Qualifier\":\"7\","
                        + "\"ClientContext\":\"eyJhIjoxfQ==\",\"LogType\":\"Tail\"}"), TaskListener.NONE);
        Invoker.Request r = functions.requests.getFirst();
        assertThat(r.qualifier()).contains(new Qualifier.Version(7));
        assertThat(r.clientContext()).contains("{\"a\":1}");
        assertThat(r.tailLog()).isTrue();
        assertThat(out.get("LogResult").asText()).isEqualTo("dGFpbA==");
        assertThat(out.at("/SdkHttpMetadata/HttpHeaders/X-Amz-Log-Result").asText()).isEqualTo("dGFpbA==");
    }

    @Test
    void invocationTypeEventAnswers202AndInvokesLater() throws Exception {
        var invoked = new java.util.concurrent.CompletableFuture<Invoker.Request>();
        var functions = new Fakes.Functions(r -> {
            if (!r.requestId().equals("check")) {
                invoked.complete(r);
            }
            return ok(r, "{}");
        });
        JsonNode out = new LambdaIntegration(functions, REGION, ACCOUNT).run(call("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"f\",\"InvocationType\":\"Event\",\"Payload\":{\"k\":2}}"), TaskListener.NONE);
        assertThat(out.get("StatusCode").asInt()).isEqualTo(202);
        assertThat(out.get("Payload").asText()).isEmpty();
        Invoker.Request r = invoked.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.asynchronous()).isTrue();
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":2}");
    }
}
