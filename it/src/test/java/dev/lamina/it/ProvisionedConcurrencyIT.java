package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Provisioned concurrency through the AWS SDK: its API, its lifecycle, and the environments it keeps. */
class ProvisionedConcurrencyIT extends ServerPerClass {

    @BeforeAll
    static void deployFunctions() {
        Functions.create(lambda, "warm", "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(30));
        lambda.publishVersion(b -> b.functionName("warm"));
        // The alias gets a version of its own: provisioned environments serve their version, whoever named it.
        lambda.updateFunctionConfiguration(b -> b.functionName("warm").memorySize(256));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("warm"));
        lambda.publishVersion(b -> b.functionName("warm"));
        lambda.createAlias(b -> b.functionName("warm").name("live").functionVersion("2"));
        Functions.create(lambda, "broken", "nodejs20.x", "missing.handler", Packages.nodejs(), b -> { });
        lambda.publishVersion(b -> b.functionName("broken"));
    }

    static GetProvisionedConcurrencyConfigResponse awaitStatus(String function, String qualifier,
                                                               ProvisionedConcurrencyStatusEnum status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getProvisionedConcurrencyConfig(
                b -> b.functionName(function).qualifier(qualifier)), r -> r.status() == status);
    }

    static String initializationType(String qualifiedName) {
        return Functions.invoke(lambda, qualifiedName, "{\"action\":\"env\"}").json().path("env")
                .path("AWS_LAMBDA_INITIALIZATION_TYPE").asText();
    }

    @Test
    void aVersionGetsItsEnvironmentsInitialisedAheadAndInvocationsFindThemWarm() {
        PutProvisionedConcurrencyConfigResponse put = lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm")
                .qualifier("1").provisionedConcurrentExecutions(2));
        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(put.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");

        GetProvisionedConcurrencyConfigResponse ready = awaitStatus("warm", "1", ProvisionedConcurrencyStatusEnum.READY);
        assertThat(ready.allocatedProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(ready.availableProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(ready.statusReason()).isNull();

        Functions.Invocation first = Functions.invoke(lambda, "warm:1", "{\"action\":\"count\"}");
        assertThat(first.log()).as("no cold start").doesNotContain("Init Duration");
        assertThat(initializationType("warm:1")).isEqualTo("provisioned-concurrency");

        assertThat(lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("warm")).provisionedConcurrencyConfigs())
                .anySatisfy(c -> {
                    assertThat(c.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:warm:1");
                    assertThat(c.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
                    assertThat(c.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
                });
    }

    @Test
    void invocationsBeyondTheProvisionedOnesSpillOverToOnDemandEnvironments() throws Exception {
        lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("live")
                .provisionedConcurrentExecutions(1));
        awaitStatus("warm", "live", ProvisionedConcurrencyStatusEnum.READY);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // Two at once through the alias: one on the provisioned environment, one on demand.
            Callable<Functions.Invocation> slow = () -> Functions.invoke(lambda, "warm:live",
                    "{\"action\":\"sleep\",\"ms\":1500}");
            List<Future<Functions.Invocation>> both = List.of(threads.submit(slow), threads.submit(slow));
            long cold = 0;
            for (Future<Functions.Invocation> f : both) {
                Functions.Invocation r = f.get();
                assertThat(r.payload()).isEqualTo("\"slept\"");
                cold += r.log().contains("Init Duration") ? 1 : 0;
            }
            assertThat(cold).as("exactly one spilled over").isEqualTo(1);
        } finally {
            threads.shutdownNow();
            lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("live"));
        }
    }

    @Test
    void anEnvironmentThatDiesIsReplaced() {
        lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("1")
                .provisionedConcurrentExecutions(2));
        awaitStatus("warm", "1", ProvisionedConcurrencyStatusEnum.READY);
        assertThat(Functions.invoke(lambda, "warm:1", "{\"action\":\"crash\"}").json().path("errorType").asText())
                .isEqualTo("Runtime.ExitError");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lambda.getProvisionedConcurrencyConfig(
                b -> b.functionName("warm").qualifier("1")).allocatedProvisionedConcurrentExecutions()).isEqualTo(2));
        // Both provisioned environments answer without a cold start again.
        assertThat(Functions.invoke(lambda, "warm:1", "{}").log()).doesNotContain("Init Duration");
    }

    @Test
    void anInitThatFailsMakesTheConfigurationFailWithAReason() {
        lambda.putProvisionedConcurrencyConfig(b -> b.functionName("broken").qualifier("1")
                .provisionedConcurrentExecutions(1));
        GetProvisionedConcurrencyConfigResponse failed = awaitStatus("broken", "1",
                ProvisionedConcurrencyStatusEnum.FAILED);
        assertThat(failed.statusReason()).contains("FUNCTION_ERROR_INIT_FAILURE")
                .contains("Runtime.ImportModuleError");
        assertThat(failed.allocatedProvisionedConcurrentExecutions()).isZero();
    }

    @Test
    void aDeletedConfigurationIsGone() {
        lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("live")
                .provisionedConcurrentExecutions(1));
        lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("live"));
        assertThatThrownBy(() -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("live")))
                .isInstanceOfSatisfying(ProvisionedConcurrencyConfigNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("No Provisioned Concurrency Config found for this function");
                });
        // Deleting again changes nothing: the operation is idempotent.
        lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("live"));
    }

    @Test
    void requestsAreCheckedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm")
                .qualifier("$LATEST").provisionedConcurrentExecutions(1)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm")
                .qualifier("9").provisionedConcurrentExecutions(1)))
                .isInstanceOf(ResourceNotFoundException.class);
        lambda.putFunctionConcurrency(b -> b.functionName("broken").reservedConcurrentExecutions(1));
        try {
            assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("broken")
                    .qualifier("1").provisionedConcurrentExecutions(2)))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("should not be greater than the reservedConcurrentExecution");
        } finally {
            lambda.deleteFunctionConcurrency(b -> b.functionName("broken"));
        }
        assertThatThrownBy(() -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("9")))
                .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class);
    }
}
