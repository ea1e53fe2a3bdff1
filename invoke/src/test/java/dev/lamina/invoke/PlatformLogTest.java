package dev.lamina.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.model.LoggingConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");
    private static final PlatformLog TEXT = PlatformLog.of(LoggingConfig.DEFAULT);

    private static PlatformLog json(String systemLevel) {
        return PlatformLog.of(new LoggingConfig(LoggingConfig.LogFormat.JSON, Optional.of("INFO"),
                Optional.ofNullable(systemLevel), Optional.empty()));
    }

    private static PlatformEvent.InvokeEnd end(PlatformEvent.Ending ending, Optional<String> type, Optional<String> exit,
                                               Duration duration) {
        return new PlatformEvent.InvokeEnd("r-1", ending, type, exit, duration, 128, 40,
                Optional.of(Duration.ofNanos(150_456_789)), 17);
    }

    private static JsonNode parse(String line) throws Exception {
        return JSON.readTree(line);
    }

    @Test
    void textKeepsLambdasLinesForEveryEvent() {
        assertThat(TEXT.lines(new PlatformEvent.Start("r-1", "$LATEST"), AT))
                .containsExactly("START RequestId: r-1 Version: $LATEST");
        assertThat(TEXT.lines(end(PlatformEvent.Ending.RESPONSE, Optional.empty(), Optional.empty(),
                Duration.ofNanos(2_345_678)), AT)).containsExactly("END RequestId: r-1",
                "REPORT RequestId: r-1\tDuration: 2.35 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\t"
                        + "Max Memory Used: 40 MB\tInit Duration: 150.46 ms\t");
        assertThat(TEXT.lines(end(PlatformEvent.Ending.TIMEOUT, Optional.of("Sandbox.Timedout"), Optional.empty(),
                Duration.ofSeconds(3)), AT)).first()
                .isEqualTo("2024-05-01T10:00:00.000Z r-1 Task timed out after 3.00 seconds");
        assertThat(TEXT.lines(end(PlatformEvent.Ending.TIMEOUT, Optional.of("Sandbox.Timedout"), Optional.empty(),
                Duration.ofSeconds(3)), Instant.parse("2026-12-02T01:54:35.011234567Z"))).first()
                .as("milliseconds, as Lambda prints them, not nanoseconds")
                .isEqualTo("2026-12-02T01:54:35.011Z r-1 Task timed out after 3.00 seconds");
        List<String> exit = TEXT.lines(end(PlatformEvent.Ending.RUNTIME_EXIT, Optional.of("Runtime.ExitError"),
                Optional.of("exit status 3"), Duration.ofMillis(5)), AT);
        assertThat(exit).startsWith("RequestId: r-1 Error: Runtime exited with error: exit status 3",
                "Runtime.ExitError", "END RequestId: r-1");
        assertThat(exit.getLast()).endsWith("\tStatus: error\tError Type: Runtime.ExitError\t");
    }

    @Test
    void textWritesInitReportOnlyForAFailedInit() {
        assertThat(TEXT.lines(new PlatformEvent.InitEnd("on-demand", "init", PlatformEvent.Status.SUCCESS,
                Duration.ofMillis(80), Optional.empty()), AT)).isEmpty();
        assertThat(TEXT.lines(new PlatformEvent.InitEnd("on-demand", "init", PlatformEvent.Status.ERROR,
                Duration.ofMillis(80), Optional.of("Runtime.ExitError")), AT)).containsExactly(
                "INIT_REPORT Init Duration: 80.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError");
    }

    @Test
    void jsonReportCarriesTheReportLinesFigures() throws Exception {
        List<String> lines = json("INFO").lines(end(PlatformEvent.Ending.RESPONSE, Optional.empty(), Optional.empty(),
                Duration.ofNanos(2_345_678)), AT);
        assertThat(lines).hasSize(1); // runtimeDone is DEBUG
        JsonNode report = parse(lines.getFirst());
        assertThat(report.get("time").asText()).isEqualTo("2024-05-01T10:00:00.000Z");
        assertThat(report.get("type").asText()).isEqualTo("platform.report");
        assertThat(report.at("/record/requestId").asText()).isEqualTo("r-1");
        assertThat(report.at("/record/status").asText()).isEqualTo("success");
        assertThat(report.at("/record/errorType").isMissingNode()).isTrue();
        assertThat(report.at("/record/metrics/durationMs").decimalValue()).isEqualByComparingTo("2.35");
        assertThat(report.at("/record/metrics/billedDurationMs").asLong()).isEqualTo(3);
        assertThat(report.at("/record/metrics/memorySizeMB").asInt()).isEqualTo(128);
        assertThat(report.at("/record/metrics/maxMemoryUsedMB").asInt()).isEqualTo(40);
        assertThat(report.at("/record/metrics/initDurationMs").decimalValue()).isEqualByComparingTo("150.46");
    }

    @Test
    void debugAddsRuntimeDoneWithTheOutcome() throws Exception {
        List<String> lines = json("DEBUG").lines(end(PlatformEvent.Ending.TIMEOUT, Optional.of("Sandbox.Timedout"),
                Optional.empty(), Duration.ofSeconds(3)), AT);
        assertThat(lines).hasSize(2);
        JsonNode done = parse(lines.get(0));
        assertThat(done.get("type").asText()).isEqualTo("platform.runtimeDone");
        assertThat(done.at("/record/status").asText()).isEqualTo("timeout");
        assertThat(done.at("/record/errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(done.at("/record/metrics/durationMs").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(parse(lines.get(1)).at("/record/status").asText()).isEqualTo("timeout");
    }

    @Test
    void jsonInitEventsHaveTheirLevels() throws Exception {
        PlatformEvent.InitStart start = new PlatformEvent.InitStart("on-demand", "init", "nodejs:20",
                "arn:aws:lambda:us-east-1::runtime:6e6f", "fn", "$LATEST");
        JsonNode initStart = parse(json(null).lines(start, AT).getFirst());
        assertThat(initStart.get("type").asText()).isEqualTo("platform.initStart");
        assertThat(initStart.at("/record/runtimeVersion").asText()).isEqualTo("nodejs:20");
        assertThat(initStart.at("/record/initializationType").asText()).isEqualTo("on-demand");

        PlatformEvent.InitEnd ok = new PlatformEvent.InitEnd("on-demand", "init", PlatformEvent.Status.SUCCESS,
                Duration.ofMillis(80), Optional.empty());
        assertThat(json("INFO").lines(ok, AT)).isEmpty();
        assertThat(parse(json("DEBUG").lines(ok, AT).getFirst()).get("type").asText())
                .isEqualTo("platform.initRuntimeDone");

        PlatformEvent.InitEnd failed = new PlatformEvent.InitEnd("on-demand", "init", PlatformEvent.Status.ERROR,
                Duration.ofMillis(80), Optional.of("Runtime.ImportModuleError"));
        JsonNode report = parse(json("INFO").lines(failed, AT).getFirst());
        assertThat(report.get("type").asText()).isEqualTo("platform.initReport");
        assertThat(report.at("/record/status").asText()).isEqualTo("error");
        assertThat(report.at("/record/errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(report.at("/record/metrics/durationMs").decimalValue()).isEqualByComparingTo("80.00");
    }

    @Test
    void warnLeavesOutEveryInfoRecord() {
        assertThat(json("WARN").lines(new PlatformEvent.Start("r-1", "1"), AT)).isEmpty();
        assertThat(json("WARN").lines(end(PlatformEvent.Ending.RESPONSE, Optional.empty(), Optional.empty(),
                Duration.ofMillis(1)), AT)).isEmpty();
    }

    @Test
    void timesOfOneSecondAndTheNextAreBothRight() {
        assertThat(PlatformJson.time(Instant.parse("2024-05-01T10:00:00.005Z"))).isEqualTo("2024-05-01T10:00:00.005Z");
        assertThat(PlatformJson.time(Instant.parse("2024-05-01T10:00:00.999Z"))).isEqualTo("2024-05-01T10:00:00.999Z");
        assertThat(PlatformJson.time(Instant.parse("2024-05-01T10:00:01.050Z"))).isEqualTo("2024-05-01T10:00:01.050Z");
        assertThat(PlatformJson.time(Instant.parse("1999-12-31T23:59:59Z"))).isEqualTo("1999-12-31T23:59:59.000Z");
    }

    @Test
    void timeAlwaysHasMilliseconds() throws Exception {
        String line = json(null).lines(new PlatformEvent.Start("r", "1"), Instant.parse("2024-05-01T10:00:00.120Z"))
                .getFirst();
        assertThat(parse(line).get("time").asText()).isEqualTo("2024-05-01T10:00:00.120Z");
    }

    @Test
    void whatTheRuntimeNamedIsEscaped() throws Exception {
        String hostile = "Bad\"Type\n\u0001\\{";
        List<String> lines = json("DEBUG").lines(end(PlatformEvent.Ending.FUNCTION_ERROR, Optional.of(hostile),
                Optional.empty(), Duration.ofMillis(1)), AT);
        for (String line : lines) {
            assertThat(line).doesNotContain("\n");
            assertThat(parse(line).at("/record/errorType").asText()).isEqualTo(hostile);
        }
    }

    @Test
    void millisecondsAreRoundedHalfUpToTwoDecimals() {
        assertThat(InvokeReport.millis(Duration.ofNanos(2_345_678))).isEqualTo("2.35");
        assertThat(InvokeReport.millis(Duration.ofNanos(2_344_999))).isEqualTo("2.34");
        assertThat(InvokeReport.millis(Duration.ofNanos(5_000))).isEqualTo("0.01");
        assertThat(InvokeReport.millis(Duration.ofNanos(1_050_000))).isEqualTo("1.05");
        assertThat(InvokeReport.millis(Duration.ofSeconds(3))).isEqualTo("3000.00");
        assertThat(InvokeReport.millis(Duration.ZERO)).isEqualTo("0.00");
    }
}
