package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.it.fixtures.JavaLoggingFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LogFormat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runtimes' own logging in both formats, read from Invoke's log tail: Node.js's console,
 * Python's logging module and Java's LambdaLogger, each filtered by ApplicationLogLevel
 * (AWS_LAMBDA_LOG_LEVEL). Node.js and Python functions of 128 MB and Java ones of 512 MB start from
 * stem cells here, which learn their log format only when they are assigned.
 */
class LogFormatIT {
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        server = TestServer.start(StemCellIT.everyFamilysCells());
        lambda = server.lambda();
        byte[] node = Packages.zip(Map.of("index.js", Packages.resource("fixtures/logging/index.js", 0644)));
        byte[] python = Packages.zip(Map.of("app.py", Packages.resource("fixtures/logging/app.py", 0644)));
        byte[] java = Packages.java(JavaLoggingFixture.class);
        String javaHandler = "dev.lamina.it.fixtures.JavaLoggingFixture::handleRequest";
        Functions.create(lambda, "node-text", "nodejs20.x", "index.handler", node, b -> b.memorySize(128));
        Functions.create(lambda, "node-json", "nodejs20.x", "index.handler", node, b -> b.memorySize(128)
                .loggingConfig(l -> l.logFormat(LogFormat.JSON)));
        Functions.create(lambda, "node-warn", "nodejs20.x", "index.handler", node, b -> b.memorySize(128)
                .loggingConfig(l -> l.logFormat(LogFormat.JSON).applicationLogLevel("WARN").systemLogLevel("WARN")));
        Functions.create(lambda, "py-text", "python3.12", "app.handler", python, b -> b.memorySize(128));
        Functions.create(lambda, "py-json", "python3.12", "app.handler", python, b -> b.memorySize(128)
                .loggingConfig(l -> l.logFormat(LogFormat.JSON)));
        Functions.create(lambda, "py-error", "python3.12", "app.handler", python, b -> b.memorySize(128)
                .loggingConfig(l -> l.logFormat(LogFormat.JSON).applicationLogLevel("ERROR")));
        Functions.create(lambda, "java-text", "java21", javaHandler, java, b -> b.memorySize(512).timeout(30));
        Functions.create(lambda, "java-json", "java21", javaHandler, java, b -> b.memorySize(512).timeout(30)
                .loggingConfig(l -> l.logFormat(LogFormat.JSON).applicationLogLevel("WARN")));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
    }

    /** Waits for a stem cell of {@code kind} ("nodejs:128"), so that the next cold start takes it. */
    static void awaitCell(String kind) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> Functions.JSON.readTree(http.send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("stemCells").path(kind).asInt() >= 1);
    }

    static Functions.Invocation invoke(String function, String payload) {
        return Functions.invoke(lambda, function, payload);
    }

    @Test
    void nodeTextLinesCarryTimeRequestIdAndLevel() {
        Functions.Invocation r = invoke("node-text", "{}");
        String id = r.requestId();
        String prefix = "(?m)^" + LogLines.TIMESTAMP + "\t" + id + "\t";
        assertThat(r.log()).as("no level is filtered in Text")
                .containsPattern(prefix + "TRACE\tnode-trace-line$")
                .containsPattern(prefix + "DEBUG\tnode-debug-line$")
                .containsPattern(prefix + "INFO\tnode-info-line$")
                .containsPattern(prefix + "INFO\tnode-log-line$")
                .containsPattern(prefix + "WARN\tnode-warn-line$")
                .containsPattern(prefix + "ERROR\tnode-error-line RangeError: node-logged-error\r")
                .containsPattern(prefix + "INFO\t\\{ shape: 'object', n: 1 }$");

        Functions.Invocation failed = invoke("node-text", "{\"fail\":true}");
        assertThat(failed.log()).containsPattern("(?m)^" + LogLines.TIMESTAMP + "\t" + failed.requestId()
                + "\tERROR\tInvoke Error \t\\{\"errorType\":\"TypeError\",\"errorMessage\":\"node-thrown\",\"stack\":\\[");
    }

    @Test
    void nodeJsonRecordsHaveTheirLevelAndErrorsTheirParts() {
        awaitCell("nodejs:128");
        LogLines log = LogLines.of(invoke("node-json", "{}"));
        assertThat(log.mentions("node-trace-line")).as("below INFO, the default level").isFalse();
        assertThat(log.mentions("node-debug-line")).isFalse();
        JsonNode info = log.only("node-info-line");
        assertThat(info.path("level").asText()).isEqualTo("INFO");
        assertThat(info.path("timestamp").asText()).matches(LogLines.TIMESTAMP);
        assertThat(info.path("requestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(log.only("node-warn-line").path("level").asText()).isEqualTo("WARN");
        JsonNode error = log.only("node-error-line");
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("errorType").asText()).isEqualTo("RangeError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("node-logged-error");
        assertThat(error.path("stackTrace").get(0).asText()).isEqualTo("RangeError: node-logged-error");
        JsonNode object = log.only("\"shape\"");
        assertThat(object.path("message").path("n").asInt()).as("an object stays an object").isEqualTo(1);

        LogLines failed = LogLines.of(invoke("node-json", "{\"fail\":true}"));
        JsonNode thrown = failed.only("Invoke Error");
        assertThat(thrown.path("errorType").asText()).isEqualTo("TypeError");
        assertThat(thrown.path("errorMessage").asText()).isEqualTo("node-thrown");
    }

    @Test
    void nodeAtWarnLeavesOutInfoAndEveryPlatformRecord() {
        LogLines log = LogLines.of(invoke("node-warn", "{}"));
        assertThat(log.mentions("node-info-line")).isFalse();
        assertThat(log.mentions("node-log-line")).isFalse();
        assertThat(log.only("node-warn-line").path("level").asText()).isEqualTo("WARN");
        assertThat(log.only("node-error-line").path("level").asText()).isEqualTo("ERROR");
        assertThat(log.records()).as("SystemLogLevel WARN: no platform.start, no platform.report")
                .noneMatch(r -> r.path("type").asText().startsWith("platform."));
        assertThat(log.mentions("START RequestId")).isFalse();
    }

    @Test
    void pythonTextFollowsTheRootLoggersOwnLevel() {
        Functions.Invocation r = invoke("py-text", "{}");
        String prefix = "\t" + LogLines.TIMESTAMP + "\t" + r.requestId() + "\t";
        assertThat(r.log()).as("the root logger's default level is WARNING, as on Lambda")
                .doesNotContain("py-info-line").doesNotContain("py-debug-line")
                .containsPattern("(?m)^\\[WARNING]" + prefix + "py-warn-line$")
                .containsPattern("(?m)^\\[ERROR]" + prefix + "py-error-line\rTraceback \\(most recent call last\\):\r")
                .contains("ValueError: py-caught")
                .containsPattern("(?m)^py-print-line$");
        Functions.Invocation failed = invoke("py-text", "{\"fail\":true}");
        assertThat(failed.log()).as("as Lambda's runtime prints an error: its stack's indent in NO-BREAK SPACEs")
                .containsPattern("(?m)^\\[ERROR] KeyError: 'py-thrown'\rTraceback \\(most recent call last\\):\r\u00a0\u00a0File ");
    }

    @Test
    void pythonJsonRecordsCarryLoggerExtrasAndExceptions() {
        awaitCell("python:128");
        Functions.Invocation r = invoke("py-json", "{}");
        LogLines log = LogLines.of(r);
        assertThat(log.mentions("py-debug-line")).isFalse();
        JsonNode info = log.only("py-info-line");
        assertThat(info.path("level").asText()).isEqualTo("INFO");
        assertThat(info.path("logger").asText()).isEqualTo("app");
        assertThat(info.path("requestId").asText()).isEqualTo(r.requestId());
        assertThat(info.path("order").asInt()).as("an extra field").isEqualTo(7);
        assertThat(info.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(info.has("location")).as("a location only with an exception").isFalse();
        assertThat(log.only("py-warn-line").path("level").asText()).as("Python's name").isEqualTo("WARNING");
        JsonNode error = log.only("py-error-line");
        assertThat(error.path("errorType").asText()).isEqualTo("ValueError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("py-caught");
        assertThat(error.path("stackTrace").isArray()).isTrue();
        assertThat(error.path("location").asText()).matches(".*app\\.py:handler:\\d+");
        assertThat(log.lines()).as("print stays plain text").contains("py-print-line");

        LogLines failed = LogLines.of(invoke("py-json", "{\"fail\":true}"));
        JsonNode thrown = failed.records().stream().filter(n -> n.path("errorType").asText().equals("KeyError"))
                .findFirst().orElseThrow();
        assertThat(thrown.path("level").asText()).isEqualTo("ERROR");
        assertThat(thrown.has("log_level")).isFalse();
        assertThat(thrown.path("timestamp").asText()).as("Lambda's runtime: seconds, no zone")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void pythonAtErrorKeepsOnlyErrors() {
        LogLines log = LogLines.of(invoke("py-error", "{}"));
        assertThat(log.mentions("py-info-line")).isFalse();
        assertThat(log.mentions("py-warn-line")).isFalse();
        assertThat(log.only("py-error-line").path("level").asText()).isEqualTo("ERROR");
    }

    @Test
    void javaLambdaLoggerHonoursFormatAndLevel() {
        Functions.Invocation text = invoke("java-text", "{}");
        assertThat(text.log()).as("each call one line, with its level; no level filtered in Text")
                .containsPattern("(?m)^\\[TRACE] java-TRACE-line$")
                .containsPattern("(?m)^\\[WARN] java-WARN-line$")
                .containsPattern("(?m)^\\[FATAL] java-FATAL-line$")
                .containsPattern("(?m)^java-stdout-line$");

        awaitCell("java:512");
        Functions.Invocation json = invoke("java-json", "{}");
        LogLines log = LogLines.of(json);
        assertThat(log.mentions("java-INFO-line")).as("below WARN").isFalse();
        assertThat(log.mentions("java-DEBUG-line")).isFalse();
        JsonNode warn = log.only("java-WARN-line");
        assertThat(warn.path("level").asText()).isEqualTo("WARN");
        assertThat(warn.path("AWSRequestId").asText()).isEqualTo(json.requestId());
        assertThat(log.only("java-FATAL-line").path("level").asText()).isEqualTo("FATAL");
    }
}
