package dev.lamina.model;

import java.util.Optional;

/** The instruction set a function's code is built for. */
public enum Architecture {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String wire;

    Architecture(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Architecture> fromWire(String text) {
        for (Architecture a : values()) {
            if (a.wire.equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
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
