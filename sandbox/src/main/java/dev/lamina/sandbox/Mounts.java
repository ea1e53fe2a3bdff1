package dev.lamina.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The host directories a sandbox sees, all read-only.
 *
 * @param task      the function's unpacked package (Lambda's /var/task)
 * @param runtime   the runtime's own files (Lambda's /var/runtime)
 * @param opt       layers (Lambda's /opt); empty for an empty /opt
 * @param hostPaths host directories visible at their own path, such as an interpreter's installation
 */
public record Mounts(Path task, Path runtime, Optional<Path> opt, List<Path> hostPaths) {
    public Mounts {
        Objects.requireNonNull(task);
        Objects.requireNonNull(runtime);
        Objects.requireNonNull(opt);
        hostPaths = List.copyOf(hostPaths);
    }
}
