package dev.lamina.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A function's LoggingConfig. The log levels apply only to the JSON format; AWS rejects them
 * with the Text format, and so does the control plane.
 *
 * @param logGroup the log group, empty for the default {@code /aws/lambda/<function name>}
 */
public record LoggingConfig(LogFormat logFormat, Optional<String> applicationLogLevel,
                            Optional<String> systemLogLevel, Optional<String> logGroup) {

    public enum LogFormat implements WireValue {
        TEXT("Text"),
        JSON("JSON");

        private final String wire;

        LogFormat(String wire) {
            this.wire = wire;
        }

        @Override
    public String wire() {
            return wire;
        }

        public static Optional<LogFormat> fromWire(String text) {
            return WireValue.parse(LogFormat.class, text);
        }
    }

    public static final LoggingConfig DEFAULT =
            new LoggingConfig(LogFormat.TEXT, Optional.empty(), Optional.empty(), Optional.empty());

    public LoggingConfig {
        Objects.requireNonNull(logFormat);
        Objects.requireNonNull(applicationLogLevel);
        Objects.requireNonNull(systemLogLevel);
        Objects.requireNonNull(logGroup);
    }

    /** The log group the function writes to. */
    public String effectiveLogGroup(FunctionName function) {
        return logGroup.orElse("/aws/lambda/" + function);
    }
}
