package dev.lamina.sandbox;

import dev.lamina.sandbox.cgroup.Cgroup;
import dev.lamina.sandbox.cgroup.CgroupDriver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sandboxes made with bubblewrap: new user, pid, ipc and uts namespaces, a non-root uid, no
 * capabilities, no_new_privs, a seccomp filter ({@link SeccompFilter}), at most 1024 open files
 * ({@link Prelude}), a read-only root with a read-only view of the host's /usr and of the function's
 * directories, a private size-limited /tmp, a fresh /proc, and death with Lamina.
 *
 * <p>When Lamina itself runs as root, {@code setpriv} first drops to the sandbox's uid on the host
 * too, so that an escape from the namespaces, or a peer-credential check on a host socket, sees an
 * unprivileged account rather than root. That needs every mounted directory to be reachable by that
 * uid; when one is not (a data directory under /root, say), the sandbox keeps host uid 0 inside its
 * user namespace, with no capabilities, and Lamina warns once.
 *
 * <p>Starting is race-free with respect to the control group: bubblewrap waits on its standard
 * input ({@code --block-fd 0}) before running the command; Lamina moves bubblewrap and its children
 * into the group, then writes one byte to release it.
 *
 * <p>The programs that run on the host before the namespaces exist (the {@link Prelude}'s shell,
 * setpriv, bubblewrap) never get the function's environment; see {@link Prelude}.
 */
final class BubblewrapSandbox implements Sandbox {
    private static final String RESOLV_CONF = "/etc/resolv.conf";
    private static final List<String> ETC_FILES = List.of(RESOLV_CONF, "/etc/hosts", "/etc/nsswitch.conf",
            "/etc/ssl", "/etc/ca-certificates", "/etc/pki", "/etc/alternatives");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BubblewrapSandbox.class);

    private final Path bwrap;
    private final Optional<Path> setpriv;
    private final Identity identity;
    private final CgroupDriver cgroups;
    private final Optional<NetworkIsolation> network;
    private final Prelude prelude;
    private final boolean disableUserns;
    private final Map<NetworkMode, Path> resolvers;
    private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param setpriv present when Lamina runs as root and must drop to {@code identity} on the host
     * @param network present when sandboxes get network namespaces of their own
     * @param prelude the seccomp filter and resource limits every sandbox starts with
     * @param disableUserns whether this bubblewrap has {@code --disable-userns} (0.8 and later)
     * @param resolvers the {@code /etc/resolv.conf} of each isolated mode ({@link NetworkIsolation#writeResolvers});
     *                  a mode without one gets the host's
     */
    BubblewrapSandbox(Path bwrap, Optional<Path> setpriv, Identity identity, CgroupDriver cgroups,
                      Optional<NetworkIsolation> network, Prelude prelude, boolean disableUserns,
                      Map<NetworkMode, Path> resolvers) {
        this.bwrap = bwrap;
        this.resolvers = Map.copyOf(resolvers);
        this.disableUserns = disableUserns;
        this.prelude = prelude;
        this.setpriv = setpriv;
        this.identity = identity;
        this.cgroups = cgroups;
        this.network = network;
    }

    @Override
    public boolean isolates(NetworkMode mode) {
        return network.map(n -> n.isolates(mode)).orElse(false);
    }

    @Override
    public Layout layout(Mounts mounts) {
        return Layout.LAMBDA;
    }

    @Override
    public String describe() {
        return "bubblewrap (user, pid, ipc and uts namespaces; uid " + identity.uid()
                + (setpriv.isPresent() ? ", dropped on the host with setpriv" : "") + "; "
                + network.map(NetworkIsolation::describe).orElse("the host's network") + "), "
                + (prelude.seccomp() ? "seccomp" : "NO seccomp filter")
                + (disableUserns ? ", no nested user namespaces" : "") + ", " + Prelude.NOFILE + " open files, "
                + cgroups.describe();
    }

    /** Whether every mounted directory is reachable by the sandbox's uid, so it can run as that uid on the host. */
    private boolean dropsOnHost(SandboxSpec spec) {
        Mounts mounts = spec.mounts();
        List<Path> sources = new ArrayList<>(List.of(mounts.task(), mounts.runtime()));
        mounts.opt().ifPresent(sources::add);
        sources.addAll(mounts.hostPaths());
        resolver(spec).ifPresent(sources::add);
        for (Path source : sources) {
            if (!Traversal.reachable(source, identity)) {
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("uid {} cannot reach {}: sandboxes keep host uid 0 (without capabilities) inside their "
                            + "user namespace. Put the data directory where that uid can traverse (e.g. /var/lib/lamina) "
                            + "for the stronger isolation.", identity.uid(), source);
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public SandboxedProcess start(SandboxSpec spec) throws IOException {
        Cgroup cgroup = cgroups.create(spec.name(), spec.limits());
        Process process;
        try {
            process = spawn(spec, false);
        } catch (IOException | RuntimeException e) {
            cgroup.close();
            throw e;
        }
        NetworkIsolation.Attached net = NetworkIsolation.Attached.NONE;
        try (OutputStream release = process.getOutputStream()) {
            cgroup.attach(process.pid());
            // Bubblewrap may have forked its sandboxed child before it was attached (children forked
            // afterwards are born inside the group); it waits on the block fd either way.
            for (long child : ProcessTree.descendants(process.pid())) {
                cgroup.attach(child);
            }
            if (isolates(spec.network().mode())) {
                net = network.orElseThrow().attach(process.pid(), spec.network());
            }
            release.write(1);
        } catch (IOException | RuntimeException e) {
            net.close();
            process.destroyForcibly();
            cgroup.killAll();
            cgroup.close();
            throw e;
        }
        return new SandboxedProcess(process, cgroup, true, net);
    }

    /**
     * Starts the prelude for {@code spec}, with {@link Prelude#ENVIRONMENT} and the function's
     * environment in a sealed memory file of its own that bubblewrap reads as arguments; the file
     * stays open until the process has exited (it is opened by path when the prelude starts).
     *
     * @param mergeErrors whether stderr goes to stdout
     */
    Process spawn(SandboxSpec spec, boolean mergeErrors) throws IOException {
        SealedMemfd args = SealedMemfd.of("lamina-args", Prelude.environmentArgs(spec.environment()))
                .orElseThrow(() -> new IOException("no sealed memory file for the sandbox's environment"));
        try {
            ProcessBuilder pb = new ProcessBuilder(argv(spec, args.path())).redirectErrorStream(mergeErrors);
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(Prelude.ENVIRONMENT);
            Process process = pb.start();
            process.onExit().whenComplete((p, e) -> args.close());
            return process;
        } catch (IOException | RuntimeException e) {
            args.close();
            throw e;
        }
    }

    /** The generated resolv.conf the sandbox gets in place of the host's; empty for the host's. */
    private Optional<Path> resolver(SandboxSpec spec) {
        return isolates(spec.network().mode()) ? Optional.ofNullable(resolvers.get(spec.network().mode()))
                : Optional.empty();
    }

    /** @param argsPath where the prelude opens the sandbox's arguments file ({@link Prelude#argv}) */
    List<String> argv(SandboxSpec spec, String argsPath) {
        List<String> a = new ArrayList<>(prelude.argv(argsPath));
        if (setpriv.isPresent() && dropsOnHost(spec)) {
            a.addAll(List.of(setpriv.get().toString(), "--reuid=" + identity.uid(), "--regid=" + identity.gid(),
                    "--clear-groups", "--inh-caps=-all", "--no-new-privs"));
        }
        a.add(bwrap.toString());
        a.addAll(List.of("--block-fd", "0", "--die-with-parent", "--new-session", "--unshare-user"));
        if (disableUserns) {
            // A second lock beside the seccomp filter's: the sandbox's own user namespace allows no
            // nested one (bubblewrap sets its max_user_namespaces to what it has used itself).
            a.add("--disable-userns");
        }
        a.addAll(List.of("--uid", Integer.toString(identity.uid()), "--gid", Integer.toString(identity.gid()),
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "localhost",
                "--cap-drop", "ALL"));
        if (isolates(spec.network().mode())) {
            a.add("--unshare-net");
        }
        a.addAll(prelude.bwrapArgv());
        a.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String dir : List.of("lib", "lib64", "lib32", "bin", "sbin")) {
            Path host = Path.of("/", dir);
            if (Files.isSymbolicLink(host)) {
                a.addAll(List.of("--symlink", "usr/" + dir, "/" + dir));
            } else if (Files.isDirectory(host)) {
                a.addAll(List.of("--ro-bind", host.toString(), host.toString()));
            }
        }
        Optional<Path> resolver = resolver(spec);
        for (String etc : ETC_FILES) {
            if (etc.equals(RESOLV_CONF) && resolver.isPresent()) {
                a.addAll(List.of("--ro-bind", resolver.get().toString(), etc));
            } else if (Files.exists(Path.of(etc))) {
                a.addAll(List.of("--ro-bind", etc, etc));
            }
        }
        for (Path host : spec.mounts().hostPaths()) {
            a.addAll(List.of("--ro-bind", host.toString(), host.toString()));
        }
        a.addAll(List.of("--ro-bind", spec.mounts().task().toString(), Layout.LAMBDA.task()));
        a.addAll(List.of("--ro-bind", spec.mounts().runtime().toString(), Layout.LAMBDA.runtime()));
        if (spec.mounts().opt().isPresent()) {
            a.addAll(List.of("--ro-bind", spec.mounts().opt().get().toString(), Layout.LAMBDA.opt()));
        } else {
            a.addAll(List.of("--dir", Layout.LAMBDA.opt()));
        }
        a.addAll(List.of("--size", Long.toString(spec.tmpMb() * 1024L * 1024L), "--tmpfs", Layout.LAMBDA.tmp()));
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        // bubblewrap's root and /dev are tmpfs of their own, writable and of no fixed size: read-only
        // once everything is mounted, so /tmp is the only place a function can write (/dev/shm too
        // is read-only, as Lambda has no /dev/shm; the device nodes keep working).
        a.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/", "--chdir", Layout.LAMBDA.task(), "--"));
        a.addAll(spec.command());
        return a;
    }
}
