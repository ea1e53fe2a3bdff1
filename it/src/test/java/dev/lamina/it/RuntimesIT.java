package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.it.fixtures.JavaFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every runtime family, through the same scenarios: real functions in real sandboxes, driven by the
 * AWS SDK. What each asserts is what a Lambda user sees: payloads, error documents, log lines.
 */
class RuntimesIT extends ServerPerClass {

    /** A runtime family's test function. */
    record Fixture(String name, String runtime, String handler, Supplier<byte[]> zip, int memory,
                   String brokenHandler, String initErrorType) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fixture> runtimes() {
        return Stream.of(
                new Fixture("node", "nodejs20.x", "index.handler", Packages::nodejs, 256, "missing.handler",
                        "Runtime.ImportModuleError"),
                new Fixture("python", "python3.12", "app.handler", Packages::python, 256, "missing.handler",
                        "Runtime.ImportModuleError"),
                new Fixture("java", "java21", "dev.lamina.it.fixtures.JavaFixture::handleRequest",
                        () -> Packages.java(JavaFixture.class), 512, "dev.lamina.it.fixtures.Missing::handleRequest",
                        "java.lang.ClassNotFoundException"),
                new Fixture("custom", "provided.al2023", "unused", Packages::provided, 256, null,
                        "Runtime.InvalidEntrypoint"));
    }

    @BeforeAll
    static void deployFunctions() {
        runtimes().forEach(f -> {
            byte[] zip = f.zip().get();
            Functions.create(lambda, f.name(), f.runtime(), f.handler(), zip, b -> b.memorySize(f.memory())
                    .environment(e -> e.variables(Map.of("STAGE", "test"))));
            Functions.create(lambda, f.name() + "-short", f.runtime(), f.handler(), zip, b -> b.memorySize(f.memory())
                    .timeout(1));
            // At 128 MB a function gets 7% of a CPU, as on Lambda: filling its memory takes seconds, and
            // more than 30 s when the host is busy; 50 s stays under the client's 60 s socket timeout.
            Functions.create(lambda, f.name() + "-small", f.runtime(), f.handler(), zip,
                    b -> b.memorySize(f.name().equals("java") ? 256 : 128).timeout(50));
            Functions.create(lambda, f.name() + "-flood", f.runtime(), f.handler(), zip, b -> b.memorySize(f.memory())
                    .timeout(30));
            // The custom runtime's init error is a package without a bootstrap.
            byte[] broken = f.brokenHandler() == null ? Packages.nodejs() : zip;
            Functions.create(lambda, f.name() + "-broken", f.runtime(),
                    f.brokenHandler() == null ? "unused" : f.brokenHandler(), broken, b -> b.memorySize(f.memory()));
        });
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void anEventComesBackAndTheLogLooksLikeLambdas(Fixture f) {
        Functions.Invocation r = Functions.invoke(lambda, f.name(), "{\"action\":\"echo\",\"n\":1}");
        assertThat(r.functionError()).as(r.payload()).isNull();
        assertThat(r.response().statusCode()).isEqualTo(200);
        assertThat(r.response().executedVersion()).isEqualTo("$LATEST");
        assertThat(r.json().path("event").path("n").asInt()).isEqualTo(1);
        String id = r.requestId();
        assertThat(r.log()).startsWith("START RequestId: " + id + " Version: $LATEST\n")
                .contains("echo").contains("END RequestId: " + id + "\n")
                .containsPattern("REPORT RequestId: " + id + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\t"
                        + "Memory Size: " + f.memory() + " MB\tMax Memory Used: \\d+ MB\t");
        String timestamp = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
        switch (f.name()) {
            case "node" -> assertThat(r.log()).as("console.log as Lambda's Node.js runtime prints it")
                    .containsPattern("(?m)^" + timestamp + "\t" + id + "\tINFO\techo \\{\"action\":\"echo\",\"n\":1}$");
            case "python" -> assertThat(r.log()).as("print as is; logging in Lambda's format")
                    .contains("\necho {'action': 'echo', 'n': 1}\n")
                    .containsPattern("(?m)^\\[INFO]\t" + timestamp + "\t" + id + "\tlogged from python$");
            default -> assertThat(r.log()).contains("echo ");
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aFunctionThatFloodsItsOutputIsNotHeldBackAndItsLogStreamStaysWithinItsCap(Fixture f) {
        Functions.Invocation r = Functions.invoke(lambda, f.name() + "-flood", "{\"action\":\"flood\",\"mb\":80}");
        assertThat(r.functionError()).as(r.payload()).isNull();
        assertThat(r.payload()).isEqualTo("\"flooded\"");
        assertThat(r.log().length()).as("the tail is the last 4 KB").isLessThanOrEqualTo(4096);
        assertThat(r.log()).contains("REPORT RequestId: " + r.requestId());
        String group = "/aws/lambda/" + f.name() + "-flood";
        // The function may answer before its last output is read (Node.js buffers pipe writes itself).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(largestStream(group))
                .as("the flood's stream, read to its cap and no further").isBetween(63L << 20, (64L << 20) + 4096));
        assertThat(Functions.invoke(lambda, f.name() + "-flood", "{\"action\":\"count\"}").json().path("count").asInt())
                .as("the same environment answers on").isEqualTo(2);
    }

    /** The stored bytes of the group's largest stream, as DescribeLogStreams tells them. */
    private long largestStream(String group) {
        try (var logs = server.logs()) {
            return logs.describeLogStreams(r -> r.logGroupName(group)).logStreams().stream()
                    .mapToLong(s -> s.storedBytes()).max().orElse(0);
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aHandlerErrorIsAnUnhandledFunctionErrorWithTheRuntimesDocument(Fixture f) {
        Functions.Invocation r = Functions.invoke(lambda, f.name(), "{\"action\":\"error\"}");
        assertThat(r.response().statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode error = r.json();
        switch (f.name()) {
            case "node" -> {
                assertThat(error.path("errorType").asText()).isEqualTo("TypeError");
                assertThat(error.path("errorMessage").asText()).isEqualTo("boom from nodejs");
                assertThat(error.path("trace").get(0).asText()).startsWith("TypeError: boom from nodejs");
            }
            case "python" -> {
                assertThat(error.path("errorType").asText()).isEqualTo("ValueError");
                assertThat(error.path("errorMessage").asText()).isEqualTo("boom from python");
                assertThat(error.path("requestId").asText()).isEqualTo(r.requestId());
                assertThat(error.path("stackTrace").toString()).contains("app.py");
            }
            case "java" -> {
                assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
                assertThat(error.path("errorMessage").asText()).isEqualTo("boom from java");
                assertThat(error.path("stackTrace").toString()).contains("JavaFixture");
            }
            default -> {
                assertThat(error.path("errorType").asText()).isEqualTo("Custom.Boom");
                assertThat(error.path("errorMessage").asText()).isEqualTo("boom from provided");
            }
        }
        assertThat(Functions.invoke(lambda, f.name(), "{\"action\":\"count\"}").functionError())
                .as("the environment survives a handler error").isNull();
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void anInitErrorIsReportedWithTheRuntimesType(Fixture f) {
        Functions.Invocation r = Functions.invoke(lambda, f.name() + "-broken", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo(f.initErrorType());
        if (f.name().equals("node") || f.name().equals("python")) {
            assertThat(r.json().path("errorMessage").asText()).contains("missing");
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aTimeoutAnswersSandboxTimedoutAndTheNextInvocationGetsAFreshEnvironment(Fixture f) {
        Functions.invoke(lambda, f.name() + "-short", "{\"action\":\"count\"}"); // warm up: init may be slow
        Functions.Invocation r = Functions.invoke(lambda, f.name() + "-short", "{\"action\":\"sleep\",\"ms\":5000}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(r.json().path("errorMessage").asText())
                .isEqualTo("RequestId: " + r.requestId() + " Error: Task timed out after 1.00 seconds");
        assertThat(r.log()).contains("Task timed out after 1.00 seconds").contains("Status: timeout");
        Functions.Invocation next = Functions.invoke(lambda, f.name() + "-short", "{\"action\":\"count\"}");
        assertThat(next.functionError()).isNull();
        assertThat(next.json().path("count").asInt()).as("a new environment").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aRuntimeThatExitsAnswersRuntimeExitErrorWithItsStatus(Fixture f) {
        Functions.Invocation r = Functions.invoke(lambda, f.name(), "{\"action\":\"crash\"}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(r.json().path("errorMessage").asText())
                .isEqualTo("RequestId: " + r.requestId() + " Error: Runtime exited with error: exit status 3");
        assertThat(r.log()).contains("Status: error\tError Type: Runtime.ExitError");
        assertThat(Functions.invoke(lambda, f.name(), "{\"action\":\"count\"}").functionError()).isNull();
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aMemoryHogIsStoppedAtTheFunctionsMemorySize(Fixture f) {
        Functions.Invocation r = Functions.invoke(lambda, f.name() + "-small", "{\"action\":\"hog\"}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        String type = r.json().path("errorType").asText();
        if (f.name().equals("java")) {
            // The JVM's own heap limit (85% of the memory, as on Lambda) usually trips first.
            assertThat(type).isIn("java.lang.OutOfMemoryError", "Runtime.OutOfMemory");
        } else {
            assertThat(type).isEqualTo("Runtime.OutOfMemory");
            assertThat(r.json().path("errorMessage").asText()).endsWith("Runtime exited with error: signal: killed");
            assertThat(r.log()).contains("Error Type: Runtime.OutOfMemory");
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aResponseOverSixMegabytesIsRefused(Fixture f) {
        Functions.Invocation r = Functions.invoke(lambda, f.name(), "{\"action\":\"big\"}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.json().path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(r.json().path("errorMessage").asText())
                .isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void theEnvironmentHoldsLambdasVariablesAndNothingOfLaminas(Fixture f) {
        Functions.Invocation r = Functions.invoke(lambda, f.name(), "{\"action\":\"env\"}");
        Map<String, String> env = new HashMap<>();
        if (f.name().equals("custom")) {
            String decoded = new String(Base64.getDecoder().decode(r.json().path("envBase64").asText()),
                    StandardCharsets.UTF_8);
            for (String line : decoded.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } else {
            r.json().path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        assertThat(env).containsEntry("AWS_LAMBDA_FUNCTION_NAME", f.name())
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memory()))
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.name())
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
                .containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime())
                .containsEntry("AWS_REGION", "us-east-1").containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsEntry("LAMBDA_TASK_ROOT", "/var/task").containsEntry("LAMBDA_RUNTIME_DIR", "/var/runtime")
                .containsEntry("STAGE", "test")
                .containsEntry("AWS_ENDPOINT_URL", server.endpoint().toString())
                .containsEntry("AWS_ENDPOINT_URL_LAMBDA", server.endpoint().toString())
                .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API",
                        "PATH", "LANG", "TZ", "LD_LIBRARY_PATH");
        assertThat(env.get("AWS_LAMBDA_LOG_STREAM_NAME")).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}");
        Set<String> allowed = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_REGION", "AWS_DEFAULT_REGION",
                "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
                "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_LOG_FORMAT", "AWS_LAMBDA_LOG_LEVEL", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "_LAMBDA_TELEMETRY_LOG_FD",
                "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
                "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "AWS_ENDPOINT_URL_SQS",
                "AWS_ENDPOINT_URL_EVENTBRIDGE", "AWS_ENDPOINT_URL_SCHEDULER", "AWS_ENDPOINT_URL_SFN",
                "PATH", "LANG", "TZ", "LD_LIBRARY_PATH", "NODE_PATH", "PYTHONPATH", "STAGE",
                // set by the programs themselves, not by Lamina:
                "PWD", "LC_CTYPE", "SHLVL", "_");
        assertThat(env.keySet()).as("no variable of Lamina's own environment leaks in").isSubsetOf(allowed);
        if (!f.name().equals("custom")) {
            JsonNode ctx = r.json().path("context");
            assertThat(ctx.path("awsRequestId").asText()).isEqualTo(r.requestId());
            assertThat(ctx.path("functionName").asText()).isEqualTo(f.name());
            assertThat(ctx.path("functionVersion").asText()).isEqualTo("$LATEST");
            assertThat(ctx.path("invokedFunctionArn").asText())
                    .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + f.name());
            assertThat(ctx.path("memoryLimitInMB").asText()).isEqualTo(Integer.toString(f.memory()));
            assertThat(ctx.path("logGroupName").asText()).isEqualTo("/aws/lambda/" + f.name());
            assertThat(ctx.path("logStreamName").asText()).isEqualTo(env.get("AWS_LAMBDA_LOG_STREAM_NAME"));
            assertThat(ctx.path("remaining").asLong()).isBetween(1L, 3000L);
        }
        assertThat(r.json().path("cwd").asText()).isEqualTo("/var/task");
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void anEnvironmentIsReusedForItsVersionOnly(Fixture f) {
        String name = f.name() + "-small";
        int first = Functions.invoke(lambda, name, "{\"action\":\"count\"}").json().path("count").asInt();
        int second = Functions.invoke(lambda, name, "{\"action\":\"count\"}").json().path("count").asInt();
        assertThat(second).as("the same warm environment").isEqualTo(first + 1);
        lambda.publishVersion(b -> b.functionName(name));
        int published = Functions.invoke(lambda, name + ":1", "{\"action\":\"count\"}").json().path("count").asInt();
        assertThat(published).as("version 1 never shares $LATEST's environment").isEqualTo(1);
        lambda.updateFunctionConfiguration(b -> b.functionName(name).description("changed"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
        int updated = Functions.invoke(lambda, name, "{\"action\":\"count\"}").json().path("count").asInt();
        assertThat(updated).as("an updated $LATEST starts afresh").isEqualTo(1);
    }
}
