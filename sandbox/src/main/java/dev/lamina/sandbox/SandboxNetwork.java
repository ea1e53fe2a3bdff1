package dev.lamina.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * A sandbox's network: its mode, and the ports of the sandbox's own 127.0.0.1 on which Lamina
 * listens for it. Where the sandbox has a network namespace those sockets are made inside it
 * before the command runs ({@link SandboxedProcess#listener}); elsewhere the ports are ignored.
 */
public record SandboxNetwork(NetworkMode mode, List<Integer> listenPorts) {
    public SandboxNetwork {
        Objects.requireNonNull(mode);
        listenPorts = List.copyOf(listenPorts);
        if (listenPorts.stream().anyMatch(p -> p < 1 || p > 65535) || listenPorts.stream().distinct().count()
                != listenPorts.size()) {
            throw new IllegalArgumentException("listen ports are distinct TCP ports: " + listenPorts);
        }
    }

    /** Outbound access and no listener: what a sandbox gets that asks for nothing. */
    public static final SandboxNetwork DEFAULT = new SandboxNetwork(NetworkMode.EGRESS, List.of());
}
