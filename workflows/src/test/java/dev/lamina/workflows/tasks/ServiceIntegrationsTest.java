package dev.lamina.workflows.tasks;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.workflows.data.StatesError;
import org.junit.jupiter.api.Test;

import static dev.lamina.workflows.tasks.Fakes.call;
import static dev.lamina.workflows.tasks.Fakes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceIntegrationsTest {
    private final ServiceIntegrations integrations = integrations();

    private static ServiceIntegrations integrations() {
        AccountId account = new AccountId("000000000000");
        var sqs = new Fakes.Sqs(c -> json("{}"));
        var lambda = new LambdaIntegration(new Fakes.Functions(r -> null), new Region("us-east-1"), account);
        return new ServiceIntegrations(lambda, new SqsIntegration(sqs, account), new EventsIntegration(e -> java.util.List.of()),
                new NestedExecutions(StatesCalls.NONE, () -> new FakeExecutions(null)),
                new SdkIntegration(sqs, new Fakes.Events(), StatesCalls.NONE, lambda, account));
    }

    private boolean supports(String arn) {
        return integrations.supports(TaskResource.parse(arn).orElseThrow());
    }

    @Test
    void supportsTheFormsStepFunctionsHasForEachIntegration() {
        assertThat(supports("arn:aws:states:::lambda:invoke")).isTrue();
        assertThat(supports("arn:aws:states:::lambda:invoke.waitForTaskToken")).isTrue();
        assertThat(supports("arn:aws:states:::lambda:invoke.sync")).isFalse();
        assertThat(supports("arn:aws:lambda:us-east-1:000000000000:function:f")).isTrue();
        assertThat(supports("arn:aws:states:::sqs:sendMessage.waitForTaskToken")).isTrue();
        assertThat(supports("arn:aws:states:::sqs:receiveMessage")).isFalse();
        assertThat(supports("arn:aws:states:::events:putEvents")).isTrue();
        assertThat(supports("arn:aws:states:::states:startExecution")).isTrue();
        assertThat(supports("arn:aws:states:::states:startExecution.sync")).isTrue();
        assertThat(supports("arn:aws:states:::states:startExecution.sync:2")).isTrue();
        assertThat(supports("arn:aws:states:::aws-sdk:sqs:sendMessage")).isTrue();
        assertThat(supports("arn:aws:states:::aws-sdk:sqs:sendMessage.sync")).isFalse();
        assertThat(supports("arn:aws:states:::aws-sdk:s3:getObject")).isFalse();
        assertThat(supports("arn:aws:states:::dynamodb:putItem")).isFalse();
        assertThat(supports("arn:aws:states:us-east-1:000000000000:activity:a")).isTrue();
    }

    @Test
    void anUnsupportedResourceFailsWithStatesRuntime() {
        assertThatThrownBy(() -> integrations.run(call("arn:aws:states:::aws-sdk:s3:getObject", "{}"), TaskListener.NONE))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
    }
}
