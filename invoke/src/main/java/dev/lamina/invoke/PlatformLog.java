package dev.lamina.invoke;

import dev.lamina.model.LoggingConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes platform events in a function's log format. Text gives Lambda's lines (INIT_START, START,
 * END, REPORT, ...) and has no levels; JSON gives one record per event and keeps only those at or
 * above the function's SystemLogLevel (INFO when it names none): {@code platform.initRuntimeDone}
 * and {@code platform.runtimeDone} are DEBUG, the others INFO.
 */
final class PlatformLog {
    /** System log levels, most detailed first. */
    enum Level {
        DEBUG, INFO, WARN
    }

    private final boolean json;
    private final Level threshold;

    private PlatformLog(boolean json, Level threshold) {
        this.json = json;
        this.threshold = threshold;
    }

    static PlatformLog of(LoggingConfig logging) {
        Level level = logging.systemLogLevel().map(Level::valueOf).orElse(Level.INFO);
        return new PlatformLog(logging.logFormat() == LoggingConfig.LogFormat.JSON, level);
    }

    /** The lines {@code event} is written as at {@code at}; none when its level is filtered out. */
    List<String> lines(PlatformEvent event, Instant at) {
        if (!json) {
            return text(event, at);
        }
        List<String> out = new ArrayList<>(2);
        for (PlatformJson.Line line : PlatformJson.lines(event, at)) {
            if (line.level().compareTo(threshold) >= 0) {
                out.add(line.text());
            }
        }
        return out;
    }

    /** Lambda's Text lines, exactly as they were before formats existed. */
    private static List<String> text(PlatformEvent event, Instant at) {
        return switch (event) {
            case PlatformEvent.InitStart s -> List.of(InvokeReport.initStart(s.runtimeVersion(), s.runtimeVersionArn()));
            case PlatformEvent.InitEnd e -> e.status() == PlatformEvent.Status.SUCCESS ? List.of()
                    : List.of(InvokeReport.initReport(e.duration(), e.phase(), e.status().wire, e.errorType()));
            case PlatformEvent.Start s -> List.of(InvokeReport.start(s.requestId(), s.version()));
            case PlatformEvent.InvokeEnd e -> invokeEnd(e, at);
        };
    }

    private static List<String> invokeEnd(PlatformEvent.InvokeEnd e, Instant at) {
        List<String> out = new ArrayList<>(4);
        Optional<String> status = Optional.empty();
        Optional<String> reportedType = Optional.empty();
        switch (e.ending()) {
            case RUNTIME_EXIT -> {
                out.add("RequestId: " + e.requestId() + " Error: Runtime exited with error: " + e.exit().orElse(""));
                e.errorType().ifPresent(out::add);
                status = Optional.of("error");
                // REPORT names an error type only when the runtime did not answer.
                reportedType = e.errorType();
            }
            case TIMEOUT -> {
                // Milliseconds always, as Lambda prints it and as the JSON records' times are.
                out.add(PlatformJson.time(at) + " " + e.requestId() + " Task timed out after "
                        + InvokeReport.seconds(e.duration()));
                status = Optional.of("timeout");
            }
            case RESPONSE, FUNCTION_ERROR -> { }
        }
        out.add(InvokeReport.end(e.requestId()));
        out.add(InvokeReport.report(e.requestId(), e.duration(), e.memoryMb(), e.maxMemoryUsedMb(), e.init(), status,
                reportedType));
        return out;
    }
}
