package dev.lamina.sandbox;

import java.io.IOException;

/** Starts process trees in isolation. The only way Lamina starts a function's code. */
public interface Sandbox {
    /** Where a process started by this sandbox sees the mounts. */
    Layout layout(Mounts mounts);

    /** Starts the spec's command; it is already inside its control group when it begins to run. */
    SandboxedProcess start(SandboxSpec spec) throws IOException;

    /** One line for logs and docs: the isolation this sandbox really gives. */
    String describe();
}
