package dev.lamina.sandbox;

import java.io.IOException;

/** Starts process trees in isolation. The only way Lamina starts a function's code. */
public interface Sandbox {
    /** Where a process started by this sandbox sees the mounts. */
    Layout layout(Mounts mounts);

    /** Starts the spec's command; it is already inside its control group when it begins to run. */
    SandboxedProcess start(SandboxSpec spec) throws IOException;

    /**
     * Whether a sandbox started with {@code mode} has a network namespace of its own, with the
     * spec's listen ports on its loopback; otherwise it shares the host's network.
     */
    default boolean isolates(NetworkMode mode) {
        return false;
    }

    /** One line for logs and docs: the isolation this sandbox really gives. */
    String describe();
}
