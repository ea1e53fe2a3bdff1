package dev.lamina.sandbox;

import dev.lamina.sandbox.cgroup.Cgroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running sandbox: its outermost process (bubblewrap, or the command itself) with everything it
 * started, and its control group. The group is removed when the process tree has ended.
 */
public final class SandboxedProcess {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxedProcess.class);

    private final Process process;
    private final Cgroup cgroup;
    private final boolean wrapped;
    private final NetworkIsolation.Attached network;
    private final CompletableFuture<ExitStatus> exit;
    private volatile long peakMemoryBytes = -1;

    /**
     * @param wrapped whether {@code process} is bubblewrap around the command (signals then go to the
     *                command's processes, and bubblewrap reports their exit) rather than the command itself
     */
    SandboxedProcess(Process process, Cgroup cgroup, boolean wrapped) {
        this(process, cgroup, wrapped, NetworkIsolation.Attached.NONE);
    }

    /** @param network the sandbox's network namespace's listeners and NAT, closed when the tree has ended */
    SandboxedProcess(Process process, Cgroup cgroup, boolean wrapped, NetworkIsolation.Attached network) {
        this.process = process;
        this.cgroup = cgroup;
        this.wrapped = wrapped;
        this.network = network;
        this.exit = process.onExit().thenApply(p -> {
            network.close();
            // Nothing outlives the sandbox's outermost process: orphans are found through the group.
            cgroup.killAll();
            peakMemoryBytes = cgroup.peakMemoryBytes();
            ExitStatus status = new ExitStatus(p.exitValue(), cgroup.oomKills() > 0);
            cgroup.close();
            return status;
        });
    }

    public long pid() {
        return process.pid();
    }

    /**
     * The socket listening on {@code port} of the sandbox's own loopback, made before the command
     * ran (see {@link SandboxSpec#network()}); empty where the sandbox shares the host's network.
     * Whoever accepts on it owns it from then on; it is closed, at the latest, when the sandbox has ended.
     */
    public Optional<ServerSocketChannel> listener(int port) {
        return Optional.ofNullable(network.listeners().get(port));
    }

    /** The command's standard output; read it continuously, or the command blocks. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    public InputStream stderr() {
        return process.getErrorStream();
    }

    /**
     * Starts handing the command's stdout and stderr to the sinks, as it writes them; call once,
     * and use {@link #stdout()} and {@link #stderr()} no more.
     */
    public OutputReader readOutput(OutputSink stdout, OutputSink stderr) {
        return OutputReader.start(process, stdout, stderr);
    }

    /** Completes when the process tree has ended and the control group is gone. */
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Changes the sandbox's CPU limit (Lambda's init runs unthrottled; invocations get their share). */
    public void limitCpu(double cpus) {
        if (process.isAlive()) {
            cgroup.limitCpu(cpus);
        }
    }

    /**
     * Stops every process of the sandbox until {@link #thaw}: an idle environment's leftovers (a
     * child still running after the answer, a timer) get no CPU between invocations, as on Lambda.
     * Every way of ending the sandbox thaws it first, so signals reach their handlers.
     */
    public void freeze() {
        cgroup.freeze();
    }

    public void thaw() {
        cgroup.thaw();
    }

    /** The most memory the sandbox has used so far, in bytes; -1 without cgroups. */
    public long peakMemoryBytes() {
        return process.isAlive() ? cgroup.peakMemoryBytes() : peakMemoryBytes;
    }

    /**
     * Lambda's SHUTDOWN: SIGTERM to every process of the sandbox, then SIGKILL to whatever is
     * still running after {@code grace}. Returns at once; see {@link #onExit()}.
     */
    public void terminate(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        cgroup.thaw();
        // Bubblewrap would die of SIGTERM itself (and take the command with it at once), so it is spared.
        List<ProcessHandle> tree = ProcessTree.descendants(process.pid()).stream()
                .flatMap(pid -> ProcessHandle.of(pid).stream())
                .filter(p -> !wrapped || !p.info().command().orElse("").endsWith("/bwrap"))
                .toList();
        tree.forEach(ProcessHandle::destroy);
        if (!wrapped) {
            process.destroy();
        }
        CompletableFuture.runAsync(() -> {
            if (process.isAlive()) {
                kill();
            }
        }, CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** SIGKILL to every process of the sandbox. */
    public void kill() {
        try {
            for (long pid : ProcessTree.descendants(process.pid())) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (RuntimeException e) {
            LOG.debug("could not list the sandbox's processes", e);
        }
        process.destroyForcibly();
        cgroup.killAll();
    }
}
