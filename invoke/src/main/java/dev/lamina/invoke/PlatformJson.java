package dev.lamina.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Platform events as the JSON log format writes them: one object per line,
 * {@code {"time":"2024-05-01T10:00:00.123Z","type":"platform.report","record":{...}}}, with the
 * record fields of Lambda's Telemetry API schemas. Durations carry the two decimals of the Text
 * REPORT line, so both formats give the same figures.
 */
final class PlatformJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Always three fraction digits, as Lambda writes them (ISO_INSTANT drops them on a whole second). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One record and the system log level it is written at. */
    record Line(PlatformLog.Level level, String text) {
    }

    private PlatformJson() {
    }

    static List<Line> lines(PlatformEvent event, Instant at) {
        List<Line> out = new ArrayList<>(2);
        switch (event) {
            case PlatformEvent.InitStart s -> {
                ObjectNode r = JSON.createObjectNode()
                        .put("initializationType", s.initializationType())
                        .put("phase", s.phase())
                        .put("runtimeVersion", s.runtimeVersion())
                        .put("runtimeVersionArn", s.runtimeVersionArn())
                        .put("functionName", s.functionName())
                        .put("functionVersion", s.functionVersion());
                out.add(line(PlatformLog.Level.INFO, at, "platform.initStart", r));
            }
            case PlatformEvent.InitEnd e -> {
                ObjectNode done = JSON.createObjectNode()
                        .put("initializationType", e.initializationType())
                        .put("phase", e.phase())
                        .put("status", e.status().wire);
                e.errorType().ifPresent(t -> done.put("errorType", t));
                out.add(line(PlatformLog.Level.DEBUG, at, "platform.initRuntimeDone", done));
                // As in Text, where INIT_REPORT appears only for an init that failed: a successful
                // init's duration is in the first invocation's platform.report.
                if (e.status() != PlatformEvent.Status.SUCCESS) {
                    ObjectNode report = done.deepCopy();
                    report.putObject("metrics").put("durationMs", millis(e.duration()));
                    out.add(line(PlatformLog.Level.INFO, at, "platform.initReport", report));
                }
            }
            case PlatformEvent.Start s -> out.add(line(PlatformLog.Level.INFO, at, "platform.start",
                    JSON.createObjectNode().put("requestId", s.requestId()).put("version", s.version())));
            case PlatformEvent.InvokeEnd e -> {
                ObjectNode done = outcome(e);
                ObjectNode doneMetrics = done.putObject("metrics").put("durationMs", millis(e.duration()));
                if (e.ending() == PlatformEvent.Ending.RESPONSE) {
                    doneMetrics.put("producedBytes", e.producedBytes());
                }
                out.add(line(PlatformLog.Level.DEBUG, at, "platform.runtimeDone", done));
                ObjectNode report = outcome(e);
                ObjectNode metrics = report.putObject("metrics")
                        .put("durationMs", millis(e.duration()))
                        .put("billedDurationMs", e.billedMillis())
                        .put("memorySizeMB", e.memoryMb())
                        .put("maxMemoryUsedMB", e.maxMemoryUsedMb());
                e.init().ifPresent(d -> metrics.put("initDurationMs", millis(d)));
                out.add(line(PlatformLog.Level.INFO, at, "platform.report", report));
            }
        }
        return out;
    }

    private static ObjectNode outcome(PlatformEvent.InvokeEnd e) {
        ObjectNode r = JSON.createObjectNode().put("requestId", e.requestId()).put("status", e.ending().status().wire);
        e.errorType().ifPresent(t -> r.put("errorType", t));
        return r;
    }

    private static Line line(PlatformLog.Level level, Instant at, String type, ObjectNode record) {
        ObjectNode o = JSON.createObjectNode().put("time", TIME.format(at)).put("type", type);
        o.set("record", record);
        return new Line(level, o.toString());
    }

    /** Milliseconds with the REPORT line's two decimals. */
    private static BigDecimal millis(Duration d) {
        return new BigDecimal(InvokeReport.millis(d));
    }
}
