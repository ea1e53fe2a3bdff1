package dev.lamina.it;

import dev.lamina.it.fixtures.AccountSettingsFixture;
import dev.lamina.it.fixtures.JavaPojoFixture;
import dev.lamina.it.fixtures.JavaStreamFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler forms and runtime behaviours each language's Lambda runtime supports. */
class RuntimeFormsIT extends ServerPerClass {

    @BeforeAll
    static void deployFunctions() {
        byte[] node = Packages.nodejsForms();
        Functions.create(lambda, "node-esm", "nodejs22.x", "lib/esm.handler", node, b -> { });
        Functions.create(lambda, "node-cjs", "nodejs22.x", "lib/cjs.nested.fn", node, b -> { });
        Functions.create(lambda, "node-waits", "nodejs20.x", "callback.waits", node, b -> { });
        Functions.create(lambda, "node-no-wait", "nodejs20.x", "callback.doesNotWait", node, b -> b.timeout(20));
        Functions.create(lambda, "node-context", "nodejs20.x", "callback.context", node, b -> { });
        byte[] python = Packages.pythonForms();
        Functions.create(lambda, "python-dots", "python3.12", "pkg.handlers.handle", python, b -> { });
        Functions.create(lambda, "python-slash", "python3.11", "pkg/handlers.handle", python, b -> { });
        Functions.create(lambda, "java-stream", "java17", "dev.lamina.it.fixtures.JavaStreamFixture",
                Packages.java(JavaStreamFixture.class), b -> b.memorySize(512));
        byte[] pojo = Packages.java(JavaPojoFixture.class);
        Functions.create(lambda, "java-pojo", "java21", "dev.lamina.it.fixtures.JavaPojoFixture", pojo,
                b -> b.memorySize(512));
        Functions.create(lambda, "java-method", "java25", "dev.lamina.it.fixtures.JavaPojoFixture::shout", pojo,
                b -> b.memorySize(512));
        new Admin(server).ok("create-role", "account-reader", "--policy-document",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"lambda:GetAccountSettings\",\"Resource\":\"*\"}}");
        Functions.create(lambda, "java-sdk", "java21", "dev.lamina.it.fixtures.AccountSettingsFixture::handleRequest",
                Packages.javaWithSdk(AccountSettingsFixture.class), b -> b.memorySize(1024).timeout(60)
                        .role("arn:aws:iam::000000000000:role/account-reader"));
    }

    @Test
    void nodeLoadsEsmAndCjsModulesFromNestedPathsWithNestedProperties() {
        assertThat(Functions.invoke(lambda, "node-esm", "{\"a\":1}").json().toString())
                .isEqualTo("{\"esm\":true,\"got\":{\"a\":1}}");
        assertThat(Functions.invoke(lambda, "node-cjs", "{\"b\":2}").json().toString())
                .isEqualTo("{\"cjs\":true,\"got\":{\"b\":2}}");
    }

    @Test
    void nodeCallbackAnswersWaitForTheEventLoopUnlessToldNotTo() {
        long start = System.nanoTime();
        Functions.Invocation waited = Functions.invoke(lambda, "node-waits", "{}");
        assertThat(waited.json().path("pendingWhenCalled").asInt()).isZero();
        assertThat((System.nanoTime() - start) / 1_000_000).as("waited for the 200 ms timer").isGreaterThanOrEqualTo(200);

        start = System.nanoTime();
        Functions.Invocation immediate = Functions.invoke(lambda, "node-no-wait", "{}");
        assertThat(immediate.payload()).isEqualTo("\"answered at once\"");
        assertThat((System.nanoTime() - start) / 1_000_000).as("did not wait for the ten-second timer").isLessThan(8000);
    }

    @Test
    void theClientContextReachesTheFunction() {
        String context = Base64.getEncoder().encodeToString("{\"custom\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8));
        var node = lambda.invoke(b -> b.functionName("node-context").clientContext(context)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(node.payload().asUtf8String()).contains("\"custom\":{\"k\":\"v\"}");
        var python = lambda.invoke(b -> b.functionName("python-dots").clientContext(context)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(python.payload().asUtf8String()).contains("\"client\": {\"custom\": {\"k\": \"v\"}}");
    }

    @Test
    void pythonHandlersInPackagesAreNamedWithDotsOrSlashes() {
        assertThat(Functions.invoke(lambda, "python-dots", "{\"x\":1}").json().path("package").asText())
                .isEqualTo("pkg.handlers");
        assertThat(Functions.invoke(lambda, "python-slash", "{\"x\":1}").json().path("got").path("x").asInt())
                .isEqualTo(1);
    }

    @Test
    void javaRunsStreamHandlersPojosAndTheClassAndMethodForms() {
        assertThat(Functions.invoke(lambda, "java-stream", "{\"a\":1}").payload()).isEqualTo("\"}1:'a'{\"");
        Functions.Invocation receipt = Functions.invoke(lambda, "java-pojo",
                "{\"customer\":\"ada\",\"quantities\":[1,2,3]}");
        assertThat(receipt.json().path("customer").asText()).isEqualTo("ada");
        assertThat(receipt.json().path("total").asInt()).isEqualTo(6);
        assertThat(Functions.invoke(lambda, "java-method", "\"quiet\"").payload()).isEqualTo("\"QUIET\"");
    }

    @Test
    void aJavaFunctionsOwnAwsSdkReachesLaminaWithItsRolesCredentials() {
        // The SDK finds Lamina from AWS_ENDPOINT_URL and signs with the environment's credentials: a
        // session of the function's role, whose policy allows GetAccountSettings.
        long functions = lambda.getAccountSettings().accountUsage().functionCount();
        Functions.Invocation r = Functions.invoke(lambda, "java-sdk", "{}");
        assertThat(r.functionError()).as(r.payload()).isNull();
        assertThat(r.json().path("functionCount").asLong()).as(r.payload()).isEqualTo(functions);
        assertThat(r.json().path("concurrentExecutions").asInt()).isEqualTo(1000);
    }
}
