package dev.lamina.model;

import java.util.Optional;

/** TracingConfig.Mode: whether Lamina samples and records traces of a function's invocations. */
public enum TracingMode implements WireValue {
    ACTIVE("Active"),
    PASS_THROUGH("PassThrough");

    private final String wire;

    TracingMode(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static Optional<TracingMode> fromWire(String text) {
        return WireValue.parse(TracingMode.class, text);
    }
}
