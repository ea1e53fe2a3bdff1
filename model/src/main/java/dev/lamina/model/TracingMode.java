package dev.lamina.model;

import java.util.Optional;

/** TracingConfig.Mode: whether Lamina samples and records traces of a function's invocations. */
public enum TracingMode {
    ACTIVE("Active"),
    PASS_THROUGH("PassThrough");

    private final String wire;

    TracingMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<TracingMode> fromWire(String text) {
        for (TracingMode m : values()) {
            if (m.wire.equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
