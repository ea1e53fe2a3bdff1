package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invoke's own rules: invocation types, qualifiers, payload checks and limits. */
class InvokeApiIT extends ServerPerClass {

    @BeforeAll
    static void deployFunctions() {
        Functions.create(lambda, "api", "nodejs20.x", "index.handler", Packages.nodejs(), b -> { });
        Functions.create(lambda, "other", "python3.12", "app.handler", Packages.python(), b -> { });
    }

    static void refused(Runnable call, String code, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    @Test
    void aDryRunChecksTheFunctionAndRunsNothing() {
        var dry = lambda.invoke(b -> b.functionName("api").invocationType(InvocationType.DRY_RUN));
        assertThat(dry.statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("nobody").invocationType(InvocationType.DRY_RUN)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anAsynchronousInvocationIsAcknowledgedWith202() {
        var r = lambda.invoke(b -> b.functionName("api").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.responseMetadata().requestId()).isNotBlank();
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedBeforeTheFunctionRuns() {
        refused(() -> lambda.invoke(b -> b.functionName("api").payload(SdkBytes.fromUtf8String("{not json"))),
                "InvalidRequestContentException", 400, "Could not parse request body into json");
        refused(() -> lambda.invoke(b -> b.functionName("api").clientContext("!!!not base64")
                .payload(SdkBytes.fromUtf8String("{}"))), "InvalidParameterValueException", 400, "Client context");
    }

    @Test
    void aPayloadOverSixMegabytesIsRefused() {
        String big = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
        refused(() -> lambda.invoke(b -> b.functionName("api").payload(SdkBytes.fromUtf8String(big))),
                "RequestTooLargeException", 413, "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    }

    @Test
    void anEmptyPayloadIsAnEmptyObject() {
        var r = lambda.invoke(b -> b.functionName("api"));
        assertThat(r.functionError()).isNull();
        assertThat(r.logResult()).as("no tail unless asked for").isNull();
    }

    @Test
    void qualifiersPickTheVersionAndAliasesSplitTrafficByWeight() {
        lambda.publishVersion(b -> b.functionName("api"));
        lambda.updateFunctionConfiguration(b -> b.functionName("api").memorySize(256));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("api"));
        lambda.publishVersion(b -> b.functionName("api"));
        lambda.createAlias(b -> b.functionName("api").name("split").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.5))));

        assertThat(lambda.invoke(b -> b.functionName("api").qualifier("2")).executedVersion()).isEqualTo("2");
        assertThat(lambda.invoke(b -> b.functionName("api:1")).executedVersion()).isEqualTo("1");
        Set<String> executed = new HashSet<>();
        for (int i = 0; i < 40 && executed.size() < 2; i++) {
            executed.add(lambda.invoke(b -> b.functionName("api").qualifier("split")).executedVersion());
        }
        assertThat(executed).containsExactlyInAnyOrder("1", "2");
        refused(() -> lambda.invoke(b -> b.functionName("api").qualifier("9")), "ResourceNotFoundException", 404,
                "arn:aws:lambda:us-east-1:000000000000:function:api:9");
    }

    @Test
    void anAliasSendsItsAdditionalVersionTheConfiguredShareOfInvocations() {
        lambda.updateFunctionConfiguration(b -> b.functionName("other").memorySize(256));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("other"));
        lambda.publishVersion(b -> b.functionName("other"));
        lambda.updateFunctionConfiguration(b -> b.functionName("other").memorySize(384));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("other"));
        lambda.publishVersion(b -> b.functionName("other"));
        lambda.createAlias(b -> b.functionName("other").name("canary").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.25))));
        int n = 400;
        int second = 0;
        for (int i = 0; i < n; i++) {
            String executed = lambda.invoke(b -> b.functionName("other").qualifier("canary")).executedVersion();
            assertThat(executed).isIn("1", "2");
            second += executed.equals("2") ? 1 : 0;
        }
        // Binomial(400, 0.25): mean 100, standard deviation 8.7. Four deviations either way fail once in 15,000 runs.
        assertThat(second).as("invocations routed to version 2").isBetween(65, 135);
    }

    @Test
    void twoFunctionsNeverShareTmp() {
        assertThat(Functions.invoke(lambda, "api", "{\"action\":\"tmp-write\",\"value\":\"secret\"}").payload())
                .isEqualTo("\"written\"");
        assertThat(Functions.invoke(lambda, "api", "{\"action\":\"tmp-read\"}").payload())
                .as("the same environment keeps its /tmp").isEqualTo("\"secret\"");
        assertThat(Functions.invoke(lambda, "other", "{\"action\":\"tmp-read\"}").payload()).isEqualTo("null");
    }
}
