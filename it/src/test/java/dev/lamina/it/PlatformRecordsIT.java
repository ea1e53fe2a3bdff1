package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.LogFormat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's own log lines in the JSON format: {@code platform.*} records instead of START, END
 * and REPORT, kept or left out by SystemLogLevel, for invocations that succeed, fail, time out or
 * crash and for an init that fails. Read from Invoke's log tail and from the log files.
 */
class PlatformRecordsIT extends ServerPerClass {

    static void json(String name, String handler, Consumer<CreateFunctionRequest.Builder> more) {
        Functions.create(lambda, name, "nodejs20.x", handler, Packages.nodejs(), b -> {
            b.memorySize(256).loggingConfig(l -> l.logFormat(LogFormat.JSON));
            more.accept(b);
        });
    }

    @BeforeAll
    static void deploy() {
        json("records", "index.handler", b -> { });
        json("records-debug", "index.handler", b -> b.loggingConfig(l -> l.logFormat(LogFormat.JSON)
                .systemLogLevel("DEBUG")));
        json("records-short", "index.handler", b -> b.timeout(1));
        json("records-broken", "missing.handler", b -> { });
    }

    @Test
    void reportRecordCarriesTheInvocationsFigures() {
        long before = System.nanoTime();
        Functions.Invocation cold = Functions.invoke(lambda, "records", "{\"action\":\"echo\"}");
        long wallMillis = (System.nanoTime() - before) / 1_000_000;
        LogLines log = LogLines.of(cold);
        assertThat(log.mentions("START RequestId")).as("no Text lines in JSON").isFalse();
        assertThat(log.mentions("REPORT RequestId")).isFalse();
        JsonNode start = log.platform("platform.start").getFirst();
        assertThat(start.path("time").asText()).matches(LogLines.TIMESTAMP);
        assertThat(start.at("/record/requestId").asText()).isEqualTo(cold.requestId());
        assertThat(start.at("/record/version").asText()).isEqualTo(cold.response().executedVersion());
        assertThat(log.platform("platform.runtimeDone")).as("DEBUG, below the default INFO").isEmpty();

        JsonNode report = log.platform("platform.report").getFirst().path("record");
        assertThat(report.path("requestId").asText()).isEqualTo(cold.requestId());
        assertThat(report.path("status").asText()).isEqualTo("success");
        JsonNode metrics = report.path("metrics");
        BigDecimal duration = metrics.path("durationMs").decimalValue();
        assertThat(duration.scale()).as("the REPORT line's two decimals").isEqualTo(2);
        assertThat(duration.longValue()).isLessThanOrEqualTo(wallMillis);
        assertThat(metrics.path("billedDurationMs").asLong())
                .isEqualTo(Math.max(1, duration.setScale(0, RoundingMode.CEILING).longValue()));
        assertThat(metrics.path("memorySizeMB").asInt()).isEqualTo(256);
        assertThat(metrics.path("maxMemoryUsedMB").asInt()).isBetween(1, 256);
        assertThat(metrics.path("initDurationMs").decimalValue()).as("a cold start").isPositive();

        LogLines warm = LogLines.of(Functions.invoke(lambda, "records", "{\"action\":\"echo\"}"));
        assertThat(warm.platform("platform.report").getFirst().at("/record/metrics").has("initDurationMs"))
                .as("a warm start").isFalse();
        List<JsonNode> initStart = Logs.lines(server, "records").stream().filter(l -> l.startsWith("{"))
                .map(LogLines::parse).filter(r -> r.path("type").asText().equals("platform.initStart")).toList();
        assertThat(initStart).as("one per environment started").isNotEmpty();
        assertThat(initStart.getFirst().at("/record/functionName").asText()).isEqualTo("records");
        assertThat(initStart.getFirst().at("/record/initializationType").asText()).isEqualTo("on-demand");
    }

    @Test
    void debugAddsRuntimeDoneAndInitRuntimeDone() {
        Functions.Invocation r = Functions.invoke(lambda, "records-debug", "{\"action\":\"echo\"}");
        JsonNode done = LogLines.of(r).platform("platform.runtimeDone").getFirst().path("record");
        assertThat(done.path("requestId").asText()).isEqualTo(r.requestId());
        assertThat(done.path("status").asText()).isEqualTo("success");
        assertThat(done.at("/metrics/producedBytes").asLong()).isEqualTo(r.response().payload().asByteArray().length);
        assertThat(Logs.lines(server, "records-debug")).anySatisfy(l -> assertThat(l)
                .contains("\"type\":\"platform.initRuntimeDone\"").contains("\"status\":\"success\""));
    }

    @Test
    void errorsTimeoutsAndCrashesAreRecordsToo() {
        Functions.Invocation error = Functions.invoke(lambda, "records", "{\"action\":\"error\"}");
        JsonNode failed = LogLines.of(error).platform("platform.report").getFirst().path("record");
        assertThat(failed.path("status").asText()).isEqualTo("error");
        assertThat(failed.path("errorType").asText()).isEqualTo("TypeError");

        Functions.Invocation timeout = Functions.invoke(lambda, "records-short",
                "{\"action\":\"sleep\",\"ms\":5000}");
        assertThat(timeout.functionError()).isEqualTo("Unhandled");
        LogLines timedOut = LogLines.of(timeout);
        assertThat(timedOut.mentions("Task timed out")).as("no Text line").isFalse();
        JsonNode report = timedOut.platform("platform.report").getFirst().path("record");
        assertThat(report.path("status").asText()).isEqualTo("timeout");
        assertThat(report.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(report.at("/metrics/durationMs").decimalValue()).isEqualByComparingTo("1000.00");

        Functions.Invocation crash = Functions.invoke(lambda, "records", "{\"action\":\"crash\"}");
        JsonNode exited = LogLines.of(crash).platform("platform.report").getFirst().path("record");
        assertThat(exited.path("status").asText()).isEqualTo("error");
        assertThat(exited.path("errorType").asText()).isEqualTo("Runtime.ExitError");
    }

    @Test
    void aFailedInitIsAnInitReportRecord() {
        Functions.Invocation r = Functions.invoke(lambda, "records-broken", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        List<JsonNode> reports = Logs.lines(server, "records-broken").stream().filter(l -> l.startsWith("{\"time\""))
                .map(LogLines::parse).filter(n -> n.path("type").asText().equals("platform.initReport")).toList();
        assertThat(reports).isNotEmpty();
        JsonNode record = reports.getFirst().path("record");
        assertThat(record.path("status").asText()).isEqualTo("error");
        assertThat(record.path("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(record.path("phase").asText()).isEqualTo("init");
        assertThat(record.at("/metrics/durationMs").decimalValue()).isPositive();
        assertThat(Logs.lines(server, "records-broken")).as("the runtime's own error line, as JSON")
                .anySatisfy(l -> assertThat(l).contains("\"level\":\"ERROR\"").contains("Uncaught Exception"));
    }
}
