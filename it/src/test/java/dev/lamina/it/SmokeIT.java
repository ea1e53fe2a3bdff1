package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeIT {
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        lambda = server.lambda();
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
    }

    @Test
    void aCreatedFunctionBecomesActiveForTheSdkWaiter() {
        lambda.createFunction(b -> b.functionName("smoke").runtime(Runtime.NODEJS20_X).handler("index.handler")
                .role(TestServer.ROLE).code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("smoke"))).build()));
        GetFunctionResponse active = lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("smoke"))
                .matched().response().orElseThrow();
        assertThat(active.configuration().state()).isEqualTo(State.ACTIVE);
    }
}
