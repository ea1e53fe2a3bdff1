package dev.lamina.invoke.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A language runtime installed on the host.
 *
 * @param executable the program to start (node, python3, java)
 * @param hostPaths  directories the sandbox must see at their own path for it to run, beyond /usr
 * @param version    its real version, as INIT_START reports it (e.g. "20.20.2")
 */
public record Interpreter(Path executable, List<Path> hostPaths, String version) {
    public Interpreter {
        Objects.requireNonNull(executable);
        hostPaths = List.copyOf(hostPaths);
        Objects.requireNonNull(version);
    }
}
