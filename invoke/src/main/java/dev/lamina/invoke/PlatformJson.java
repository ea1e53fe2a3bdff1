package dev.lamina.invoke;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Platform events as the JSON log format writes them: one object per line,
 * {@code {"time":"2024-05-01T10:00:00.123Z","type":"platform.report","record":{...}}}, with the
 * record fields of Lambda's Telemetry API schemas. Durations carry the two decimals of the Text
 * REPORT line, so both formats give the same figures. Written with a plain builder, as this runs
 * on every invocation (a tree of nodes cost ten times as much); every string is escaped.
 */
final class PlatformJson {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    /** The last second formatted: records come many to a second, and formatting dates is slow. */
    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    /** One record and the system log level it is written at. */
    record Line(PlatformLog.Level level, String text) {
    }

    private PlatformJson() {
    }

    static List<Line> lines(PlatformEvent event, Instant instant) {
        String at = time(instant);
        List<Line> out = new ArrayList<>(2);
        switch (event) {
            case PlatformEvent.InitStart s -> out.add(new Record(at, "platform.initStart")
                    .text("initializationType", s.initializationType()).text("phase", s.phase())
                    .text("runtimeVersion", s.runtimeVersion()).text("runtimeVersionArn", s.runtimeVersionArn())
                    .text("functionName", s.functionName()).text("functionVersion", s.functionVersion())
                    .line(PlatformLog.Level.INFO));
            case PlatformEvent.InitEnd e -> {
                out.add(initEnd(at, "platform.initRuntimeDone", e).line(PlatformLog.Level.DEBUG));
                // As in Text, where INIT_REPORT appears only for an init that failed: a successful
                // init's duration is in the first invocation's platform.report.
                if (e.status() != PlatformEvent.Status.SUCCESS) {
                    out.add(initEnd(at, "platform.initReport", e).metrics().number("durationMs", ms(e.duration()))
                            .line(PlatformLog.Level.INFO));
                }
            }
            case PlatformEvent.Start s -> out.add(new Record(at, "platform.start")
                    .text("requestId", s.requestId()).text("version", s.version()).line(PlatformLog.Level.INFO));
            case PlatformEvent.InvokeEnd e -> {
                Record done = outcome(at, "platform.runtimeDone", e).metrics().number("durationMs", ms(e.duration()));
                if (e.ending() == PlatformEvent.Ending.RESPONSE) {
                    done.number("producedBytes", Long.toString(e.producedBytes()));
                }
                out.add(done.line(PlatformLog.Level.DEBUG));
                Record report = outcome(at, "platform.report", e).metrics()
                        .number("durationMs", ms(e.duration()))
                        .number("billedDurationMs", Long.toString(e.billedMillis()))
                        .number("memorySizeMB", Integer.toString(e.memoryMb()))
                        .number("maxMemoryUsedMB", Long.toString(e.maxMemoryUsedMb()));
                e.init().ifPresent(d -> report.number("initDurationMs", ms(d)));
                out.add(report.line(PlatformLog.Level.INFO));
            }
        }
        return out;
    }

    /** UTC, always with three fraction digits, as Lambda writes them (ISO_INSTANT drops them on a whole second). */
    static String time(Instant at) {
        Second second = lastSecond;
        if (second.epochSecond() != at.getEpochSecond()) {
            second = new Second(at.getEpochSecond(), SECOND.format(at));
            lastSecond = second;
        }
        int millis = at.getNano() / 1_000_000;
        return second.text() + (millis < 10 ? ".00" : millis < 100 ? ".0" : ".") + millis + "Z";
    }

    private static Record initEnd(String at, String type, PlatformEvent.InitEnd e) {
        return new Record(at, type).text("initializationType", e.initializationType()).text("phase", e.phase())
                .text("status", e.status().wire).text("errorType", e.errorType());
    }

    private static Record outcome(String at, String type, PlatformEvent.InvokeEnd e) {
        return new Record(at, type).text("requestId", e.requestId()).text("status", e.ending().status().wire)
                .text("errorType", e.errorType());
    }

    private static String ms(Duration d) {
        return InvokeReport.millis(d);
    }

    /** One record being written: its members, then (after {@link #metrics()}) those of its metrics. */
    private static final class Record {
        private final StringBuilder json = new StringBuilder(256);
        private boolean first = true;
        private boolean inMetrics;

        Record(String at, String type) {
            json.append("{\"time\":\"").append(at).append("\",\"type\":\"").append(type)
                    .append("\",\"record\":{");
        }

        Record text(String name, String value) {
            name(name).append('"');
            JsonStringEncoder.getInstance().quoteAsString(value, json);
            json.append('"');
            return this;
        }

        Record text(String name, Optional<String> value) {
            return value.isPresent() ? text(name, value.get()) : this;
        }

        /** A number already written as JSON digits. */
        Record number(String name, String digits) {
            name(name).append(digits);
            return this;
        }

        Record metrics() {
            name("metrics").append('{');
            first = true;
            inMetrics = true;
            return this;
        }

        Line line(PlatformLog.Level level) {
            json.append(inMetrics ? "}}}" : "}}");
            return new Line(level, json.toString());
        }

        private StringBuilder name(String name) {
            if (!first) {
                json.append(',');
            }
            first = false;
            return json.append('"').append(name).append("\":");
        }
    }
}
