package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.data.StatesError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.lamina.workflows.tasks.Fakes.call;
import static dev.lamina.workflows.tasks.Fakes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdkIntegrationTest {
    private static final AccountId ACCOUNT = new AccountId("000000000000");
    private final List<String> operations = new ArrayList<>();
    private final List<ObjectNode> inputs = new ArrayList<>();

    private SdkIntegration sdk(StatesCalls states, Fakes.Sqs sqs) {
        var lambda = new LambdaIntegration(new Fakes.Functions(r -> {
            throw new AssertionError("no invocation expected");
        }), new Region("us-east-1"), ACCOUNT);
        return new SdkIntegration(sqs, new Fakes.Events(), states, lambda, ACCOUNT);
    }

    @Test
    void sfnTakesPascalCaseParametersAndAnswersPascalCaseWithDatesAsText() throws Exception {
        StatesCalls states = (operation, input) -> {
            operations.add(operation);
            inputs.add(input);
            return json("{\"executionArn\":\"arn:e\",\"startDate\":1.5}");
        };
        JsonNode out = sdk(states, new Fakes.Sqs(c -> json("{}"))).run(call("arn:aws:states:::aws-sdk:sfn:startExecution",
                "{\"StateMachineArn\":\"arn:m\",\"Input\":{\"a\":1}}"), TaskListener.NONE);
        assertThat(operations).containsExactly("StartExecution");
        assertThat(inputs.getFirst()).isEqualTo(json("{\"stateMachineArn\":\"arn:m\",\"input\":\"{\\\"a\\\":1}\"}"));
        assertThat(out).isEqualTo(json("{\"ExecutionArn\":\"arn:e\",\"StartDate\":\"1970-01-01T00:00:01.500Z\"}"));
    }

    @Test
    void sfnErrorsAreNamedAsSdkV2NamesThem() {
        StatesCalls states = (operation, input) -> {
            throw StatesErrors.invalidToken("Invalid Token: 'Invalid token'");
        };
        assertThatThrownBy(() -> sdk(states, new Fakes.Sqs(c -> json("{}"))).run(call(
                "arn:aws:states:::aws-sdk:sfn:sendTaskFailure", "{\"TaskToken\":\"NoSuchTaskToken\"}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("Sfn.InvalidTokenException");
                    assertThat(e.cause().orElseThrow()).matches("Invalid Token: 'Invalid token' \\(Service: Sfn, Status "
                            + "Code: 400, Request ID: [-0-9a-f]{36}\\) \\(SDK Attempt Count: 1\\)");
                });
    }

    @Test
    void sqsCallsGoToTheOperationOfTheActionAndErrorsNameTheSqsException() {
        var sqs = new Fakes.Sqs(c -> {
            throw new ServiceException("QueueDoesNotExist", Optional.of("AWS.SimpleQueueService.NonExistentQueue"), 400,
                    true, "The specified queue does not exist.");
        });
        assertThatThrownBy(() -> sdk(StatesCalls.NONE, sqs).run(call("arn:aws:states:::aws-sdk:sqs:receiveMessage",
                "{\"QueueUrl\":\"http://h/000000000000/q\"}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.error())
                        .isEqualTo("Sqs.QueueDoesNotExistException"));
        assertThat(sqs.calls.getFirst().operation()).isEqualTo("ReceiveMessage");
    }

    @Test
    void eventbridgeErrorsKeepTheirExceptionNames() {
        assertThatThrownBy(() -> sdk(StatesCalls.NONE, new Fakes.Sqs(c -> json("{}"))).run(call(
                "arn:aws:states:::aws-sdk:eventbridge:listRules", "{}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.error())
                        .isEqualTo("EventBridge.ResourceNotFoundException"));
    }

    @Test
    void lambdaInvokeAnswersAFunctionErrorInItsOutput() throws Exception {
        var functions = new Fakes.Functions(r -> new dev.lamina.invoke.Invoker.Result(r.requestId(),
                "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"m\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Optional.of("Unhandled"), "$LATEST", Optional.empty()));
        var lambda = new LambdaIntegration(functions, new Region("us-east-1"), ACCOUNT);
        JsonNode out = new SdkIntegration(new Fakes.Sqs(c -> json("{}")), new Fakes.Events(), StatesCalls.NONE, lambda,
                ACCOUNT).run(call("arn:aws:states:::aws-sdk:lambda:invoke", "{\"FunctionName\":\"f\"}"), TaskListener.NONE);
        assertThat(out.get("FunctionError").asText()).isEqualTo("Unhandled");
        assertThat(out.at("/Payload/errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(out.has("SdkHttpMetadata")).isFalse();
    }

    @Test
    void supportsTheHostedServicesOperationsOnly() {
        SdkIntegration sdk = sdk(StatesCalls.NONE, new Fakes.Sqs(c -> json("{}")));
        assertThat(sdk.supports("sqs", "sendMessage")).isTrue();
        assertThat(sdk.supports("sqs", "noSuchThing")).isFalse();
        assertThat(sdk.supports("eventbridge", "putEvents")).isTrue();
        assertThat(sdk.supports("sfn", "sendTaskFailure")).isTrue();
        assertThat(sdk.supports("sfn", "describeExecution")).isTrue();
        assertThat(sdk.supports("lambda", "invoke")).isTrue();
        assertThat(sdk.supports("s3", "getObject")).isFalse();
    }
}
