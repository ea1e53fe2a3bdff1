package dev.lamina.sandbox;

import dev.lamina.sandbox.cgroup.Limits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to start one sandboxed process tree.
 *
 * @param name        unique among live sandboxes; names the control group
 * @param command     the argument vector, in the sandbox's {@link Layout}; never passed through a shell
 * @param environment the process's complete environment: nothing of Lamina's own is added
 * @param tmpMb       the size of the private /tmp
 * @param network     the network the sandbox gets, where it can have one of its own
 */
public record SandboxSpec(String name, List<String> command, Map<String, String> environment, Mounts mounts,
                          int tmpMb, Limits limits, SandboxNetwork network) {
    /** A sandbox with {@link SandboxNetwork#DEFAULT}. */
    public SandboxSpec(String name, List<String> command, Map<String, String> environment, Mounts mounts,
                       int tmpMb, Limits limits) {
        this(name, command, environment, mounts, tmpMb, limits, SandboxNetwork.DEFAULT);
    }

    public SandboxSpec {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("a sandbox name is 1 to 100 safe characters: " + name);
        }
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a sandbox needs a command");
        }
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        Objects.requireNonNull(mounts);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(network);
        if (tmpMb < 1) {
            throw new IllegalArgumentException("/tmp needs at least 1 MB");
        }
    }

    /** Like a record's, but the environment shows its names only: it holds the function's secrets. */
    @Override
    public String toString() {
        return "SandboxSpec[name=" + name + ", command=" + command + ", environment=" + environment.keySet()
                + " (values hidden), mounts=" + mounts + ", tmpMb=" + tmpMb + ", limits=" + limits + "]";
    }
}
