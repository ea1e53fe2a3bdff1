package dev.lamina.model;

import java.util.Optional;

/** The instruction set a function's code is built for. */
public enum Architecture implements WireValue {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String wire;

    Architecture(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static Optional<Architecture> fromWire(String text) {
        return WireValue.parse(Architecture.class, text);
    }

    /** The architecture of the JVM's host, or empty when it is neither of Lambda's two. */
    public static Optional<Architecture> ofHost(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(ARM64);
            default -> Optional.empty();
        };
    }
}
