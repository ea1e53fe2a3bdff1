package dev.lamina.invoke;

import dev.lamina.model.RuntimeId;
import dev.lamina.sandbox.Layout;
import dev.lamina.sandbox.NetworkMode;
import dev.lamina.sandbox.SandboxedProcess;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A booted, sandboxed runtime that has loaded no function yet, waiting on its Runtime API endpoint
 * to be told which function it becomes ({@link CellAssignment}). Used once: it becomes one
 * environment, or is stopped unused.
 *
 * @param link   its Runtime API endpoint and its way to Lamina's API
 * @param task   the host directory mounted as the cell's /var/task, empty until assignment
 * @param claim  the memory the cell holds, handed to the environment it becomes
 * @param layout where the cell sees its mounts
 */
record StemCell(String id, Kind kind, SandboxedProcess process, EnvironmentNetwork.Link link, Path task,
                EnvironmentPool.Claim claim, Layout layout) {

    RuntimeChannel channel() {
        return link.channel();
    }

    /**
     * Cells of one kind are interchangeable: same runtime family, same memory settings, default
     * /tmp, same network mode (a cell's namespace is made when it starts, so it serves only
     * functions of its mode).
     */
    record Kind(RuntimeId.Family family, int memoryMb, NetworkMode network) {
        /** A cell for functions of the default network mode. */
        Kind(RuntimeId.Family family, int memoryMb) {
            this(family, memoryMb, NetworkMode.EGRESS);
        }

        /** The /tmp every cell is started with; functions with another size start fresh. */
        static final int TMP_MB = 512;

        /**
         * Variables (or prefixes) a runtime reads only when its process starts: a function that sets
         * one must start afresh, or it would run without it (NODE_OPTIONS, PYTHONPATH,
         * JAVA_TOOL_OPTIONS, the dynamic linker's and the locale's).
         */
        static final List<String> READ_AT_START = List.of("NODE_", "PYTHON", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
                "JDK_JAVA_OPTIONS", "LD_", "LC_", "LANG", "TZ", "AWS_LAMBDA_EXEC_WRAPPER");

        /** The kind of cell that can become an environment of {@code key}, if any can. */
        static Optional<Kind> of(EnvironmentKey key) {
            var config = key.config();
            RuntimeId.Family family = config.runtime().map(RuntimeId::family).orElse(RuntimeId.Family.PROVIDED);
            boolean eligible = (family == RuntimeId.Family.NODEJS || family == RuntimeId.Family.PYTHON
                    || family == RuntimeId.Family.JAVA) && config.ephemeralStorageMb() == TMP_MB
                    && config.environment().keySet().stream().noneMatch(name -> READ_AT_START.stream()
                    .anyMatch(name::startsWith));
            return eligible ? Optional.of(new Kind(family, config.memorySize(), EnvironmentNetwork.mode(config)))
                    : Optional.empty();
        }
    }

    /** Whether the cell's runtime ended before it ever asked for its assignment: it failed to boot. */
    boolean failedToBoot() {
        return !process.isAlive() && !channel().cell().map(CellAssignment::asked).orElse(true);
    }

    /** Whether the cell's runtime is up and asking for its assignment. */
    boolean waiting() {
        return channel().cell().map(CellAssignment::waiting).orElse(false);
    }
}
