package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The asynchronous-invocation options through the AWS SDK: per function, version and alias. */
class EventInvokeConfigIT extends ServerPerClass {
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:configured";
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:failures";

    @BeforeAll
    static void deployFunctions() {
        Functions.create(lambda, "configured", "nodejs20.x", "index.handler", Packages.nodejs(), b -> { });
        lambda.publishVersion(b -> b.functionName("configured"));
        lambda.createAlias(b -> b.functionName("configured").name("live").functionVersion("1"));
    }

    static void refused(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    @Test
    void aConfigurationIsPutReadUpdatedListedAndDeleted() {
        PutFunctionEventInvokeConfigResponse put = lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                .qualifier("live").maximumRetryAttempts(1).maximumEventAgeInSeconds(120)
                .destinationConfig(d -> d.onFailure(f -> f.destination(QUEUE))));
        assertThat(put.functionArn()).isEqualTo(ARN + ":live");
        assertThat(put.maximumRetryAttempts()).isEqualTo(1);
        assertThat(put.maximumEventAgeInSeconds()).isEqualTo(120);
        assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(QUEUE);
        assertThat(put.lastModified()).isNotNull();

        var updated = lambda.updateFunctionEventInvokeConfig(b -> b.functionName("configured").qualifier("live")
                .maximumRetryAttempts(0));
        assertThat(updated.maximumRetryAttempts()).isZero();
        assertThat(updated.maximumEventAgeInSeconds()).as("kept").isEqualTo(120);
        assertThat(updated.destinationConfig().onFailure().destination()).as("kept").isEqualTo(QUEUE);

        lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").maximumRetryAttempts(2));
        GetFunctionEventInvokeConfigResponse latest = lambda.getFunctionEventInvokeConfig(b -> b.functionName("configured"));
        assertThat(latest.functionArn()).isEqualTo(ARN + ":$LATEST");
        assertThat(latest.maximumEventAgeInSeconds()).as("a Put removes what it leaves out").isNull();

        assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName("configured")).functionEventInvokeConfigs())
                .extracting(FunctionEventInvokeConfig::functionArn).containsExactly(ARN + ":$LATEST", ARN + ":live");

        lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("configured").qualifier("live"));
        refused(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("configured").qualifier("live")),
                "ResourceNotFoundException", "The function " + ARN + ":live doesn't have an EventInvokeConfig");
        refused(() -> lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("configured").qualifier("live")),
                "ResourceNotFoundException", "doesn't have an EventInvokeConfig");
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsStored() {
        refused(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").maximumRetryAttempts(3)),
                "ValidationException", "maximumRetryAttempts");
        refused(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").maximumEventAgeInSeconds(59)),
                "ValidationException", "maximumEventAgeInSeconds");
        refused(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                        .destinationConfig(d -> d.onSuccess(s -> s.destination("arn:aws:sns:us-east-1:000000000000:t")))),
                "InvalidParameterValueException", "Lambda functions, SQS queues and EventBridge event buses only");
        refused(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                        .destinationConfig(d -> d.onFailure(s -> s.destination(
                                "arn:aws:events:eu-west-1:000000000000:event-bus/elsewhere")))),
                "InvalidParameterValueException", "not in this region");
        refused(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                        .destinationConfig(d -> d.onSuccess(s -> s.destination(
                                "arn:aws:lambda:eu-west-1:000000000000:function:elsewhere")))),
                "InvalidParameterValueException", "not in this region");
        refused(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").qualifier("nope")
                .maximumRetryAttempts(1)), "ResourceNotFoundException", "");
        refused(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("nobody")),
                "ResourceNotFoundException", "Function not found");
    }

    @Test
    void theRecursionConfigIsTerminateUntilPutOtherwise() {
        assertThat(lambda.getFunctionRecursionConfig(b -> b.functionName("configured")).recursiveLoopAsString())
                .isEqualTo("Terminate");
        assertThat(lambda.putFunctionRecursionConfig(b -> b.functionName("configured").recursiveLoop("Allow"))
                .recursiveLoopAsString()).isEqualTo("Allow");
        assertThat(lambda.getFunctionRecursionConfig(b -> b.functionName(ARN)).recursiveLoopAsString())
                .isEqualTo("Allow");
        refused(() -> lambda.putFunctionRecursionConfig(b -> b.functionName("configured").recursiveLoop("Sometimes")),
                "ValidationException", "recursiveLoop");
        refused(() -> lambda.getFunctionRecursionConfig(b -> b.functionName("nobody")),
                "ResourceNotFoundException", "Function not found");
        lambda.putFunctionRecursionConfig(b -> b.functionName("configured").recursiveLoop("Terminate"));
        assertThat(lambda.getFunctionRecursionConfig(b -> b.functionName("configured")).recursiveLoopAsString())
                .isEqualTo("Terminate");
    }
}
