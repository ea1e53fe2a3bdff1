package dev.lamina.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The network namespace of a bubblewrap sandbox ({@code --unshare-net}), made ready while bubblewrap
 * waits on its block fd, before the command runs:
 * <ul>
 *   <li>Lamina's listening sockets are created on the namespace's 127.0.0.1 ({@link NetNs}), so the
 *       Runtime API is reachable from inside, from this sandbox only, without any hop;</li>
 *   <li>{@link NetworkMode#NONE}: nothing else, the namespace has only its loopback;</li>
 *   <li>{@link NetworkMode#EGRESS}: a slirp4netns process gives it a user-mode NAT to the world
 *       ({@code --disable-host-loopback}), and "prohibit" routes inside the namespace refuse every
 *       address the host has (so Lamina's ports wherever it binds, and every other environment's
 *       relay), the NAT's own gateway, and 169.254.0.0/16 (instance metadata, link-local). The
 *       sandbox has no capabilities in its namespace and cannot change the routes.</li>
 * </ul>
 * The host's addresses are read when each sandbox starts; an address the host gains later is not
 * refused to sandboxes that are already running.
 */
final class NetworkIsolation {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkIsolation.class);
    /**
     * How long the namespace, its routes and the NAT may take to appear: far more than they need
     * (milliseconds), so that a host under heavy load starts environments slowly rather than not at all.
     */
    private static final long READY_MS = 20_000;
    /** slirp4netns's network: its gateway is the host (refused), 10.0.2.3 its DNS forwarder. */
    static final String NAT_GATEWAY = "10.0.2.2";
    static final String DNS_FORWARDER = "10.0.2.3";

    private final Optional<Path> slirp;
    private final Path nsenter;
    private final Path ip;

    /** @param slirp slirp4netns, when installed: without it, {@link NetworkMode#EGRESS} is not isolated */
    NetworkIsolation(Optional<Path> slirp, Path nsenter, Path ip) {
        this.slirp = slirp;
        this.nsenter = nsenter;
        this.ip = ip;
    }

    /** The isolation this host allows, or empty (with the reason logged) where it allows none. */
    static Optional<NetworkIsolation> detect(boolean runningAsRoot) {
        Optional<Path> nsenter = Sandboxes.onPath("nsenter");
        Optional<Path> ip = Sandboxes.onPath("ip");
        if (!runningAsRoot || !NetNs.available() || nsenter.isEmpty() || ip.isEmpty()) {
            LOG.warn("sandboxes SHARE THE HOST'S NETWORK: functions can connect to Lamina's ports and the host's "
                    + "loopback ({}). Run Lamina as root for a network namespace per environment.",
                    !runningAsRoot ? "Lamina is not root, and cannot enter the namespaces it would create"
                            : !NetNs.available() ? "native access is disabled" : "nsenter or ip (iproute2) is missing");
            return Optional.empty();
        }
        Optional<Path> slirp = Sandboxes.onPath("slirp4netns");
        if (slirp.isEmpty()) {
            LOG.warn("slirp4netns is missing (apt-get install slirp4netns): functions in the default network mode "
                    + "'egress' SHARE THE HOST'S NETWORK; only functions with a VpcConfig get a namespace of their own");
        }
        return Optional.of(new NetworkIsolation(slirp, nsenter.get(), ip.get()));
    }

    /** Whether a sandbox with {@code mode} gets a namespace of its own. */
    boolean isolates(NetworkMode mode) {
        return mode == NetworkMode.NONE || slirp.isPresent();
    }

    /**
     * Writes, once, the {@code /etc/resolv.conf} each isolated mode gets in place of the host's,
     * into {@code dir} (readable by the sandbox's uid, which bubblewrap runs as when it drops on the
     * host). The host's names a resolver that may be unreachable from the namespace: on
     * systemd-resolved hosts it is 127.0.0.53, which is the sandbox's own loopback there.
     * {@link NetworkMode#EGRESS} asks slirp4netns's DNS forwarder ({@code 10.0.2.3}), which resolves
     * through the host's resolver; {@link NetworkMode#NONE} names none, so lookups fail at once
     * rather than after a timeout.
     */
    static java.util.Map<NetworkMode, Path> writeResolvers(Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.attribute.PosixFileAttributeView view = java.nio.file.Files.getFileAttributeView(dir,
                java.nio.file.attribute.PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        java.util.Map<NetworkMode, Path> files = new java.util.EnumMap<>(NetworkMode.class);
        files.put(NetworkMode.EGRESS, write(dir.resolve("resolv.conf.egress"),
                "# Lamina: slirp4netns's DNS forwarder\nnameserver " + DNS_FORWARDER + "\n"));
        files.put(NetworkMode.NONE, write(dir.resolve("resolv.conf.none"), "# Lamina: no network, no resolver\n"));
        return files;
    }

    private static Path write(Path file, String content) throws java.io.IOException {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        java.nio.file.Files.writeString(next, content);
        if (java.nio.file.Files.getFileAttributeView(next, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            java.nio.file.Files.setPosixFilePermissions(next,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        // Atomic: a sandbox starting meanwhile binds the old file or the new one, never half of one.
        return java.nio.file.Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

        String describe() {
        return "own network namespace" + (slirp.isPresent() ? " (egress through slirp4netns)" : " for mode none only");
    }

    /** What a sandbox's namespace holds for it; closed when the sandbox has ended. */
    record Attached(Map<Integer, ServerSocketChannel> listeners, Optional<Process> nat) implements AutoCloseable {
        static final Attached NONE = new Attached(Map.of(), Optional.empty());

        @Override
        public void close() {
            for (ServerSocketChannel socket : listeners.values()) {
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.debug("closing a sandbox listener failed", e);
                }
            }
            nat.ifPresent(Process::destroy);
        }
    }

    /** Prepares the namespace of the sandbox whose bubblewrap is {@code bwrapPid}, which must still be blocked. */
    Attached attach(long bwrapPid, SandboxNetwork network) throws IOException {
        long inside = namespaceMember(bwrapPid);
        // Returns once bubblewrap has set up the loopback: only then may slirp4netns touch the namespace.
        Map<Integer, ServerSocketChannel> listeners = NetNs.listen(inside, network.listenPorts());
        Attached attached = new Attached(listeners, Optional.empty());
        try {
            if (network.mode() == NetworkMode.EGRESS) {
                // Both at once: the routes are in place before the command runs either way.
                Process routes = refuseHostAddresses(inside);
                attached = new Attached(listeners, Optional.of(startNat(inside)));
                awaitRoutes(routes);
            }
            return attached;
        } catch (IOException | RuntimeException e) {
            attached.close();
            throw e;
        }
    }

    /** A process of the sandbox that is already in its new network namespace. */
    private static long namespaceMember(long bwrapPid) throws IOException {
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MS);
        while (System.nanoTime() < deadline) {
            for (long pid : ProcessTree.descendants(bwrapPid)) {
                try {
                    if (!Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString().equals(own)) {
                        return pid;
                    }
                } catch (IOException e) {
                    // Not there yet, or gone: look again.
                }
            }
            if (!ProcessHandle.of(bwrapPid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IOException("bubblewrap ended before its network namespace existed");
            }
            // Polling rather than spinning: bubblewrap needs the CPU to get there.
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        throw new IOException("the sandbox's network namespace did not appear within " + READY_MS + " ms");
    }

    /** Starts adding the "prohibit" routes inside the namespace; see {@link #awaitRoutes}. */
    private Process refuseHostAddresses(long inside) throws IOException {
        TreeSet<String> refused = new TreeSet<>(hostAddresses());
        refused.add(NAT_GATEWAY + "/32");
        refused.add("169.254.0.0/16");
        StringBuilder batch = new StringBuilder();
        refused.forEach(prefix -> batch.append("route add prohibit ").append(prefix).append('\n'));
        Process p = new ProcessBuilder(nsenter.toString(), "--net=/proc/" + inside + "/ns/net", ip.toString(),
                "-batch", "-").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }

    private static void awaitRoutes(Process p) throws IOException {
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(READY_MS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("could not add the sandbox's routes: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    /** Every IPv4 address of the host but loopback (the sandbox's 127.0.0.1 is its own), as /32 prefixes. */
    static List<String> hostAddresses() throws SocketException {
        List<String> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            for (InetAddress address : nic.inetAddresses().toList()) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    addresses.add(address.getHostAddress() + "/32");
                }
            }
        }
        return addresses;
    }

    /**
     * Starts slirp4netns for the namespace and waits until it has configured it. Its standard input
     * is its exit fd: it ends when Lamina closes it, or dies. It is sandboxed itself (own mount
     * namespace, no capabilities, seccomp), since it parses whatever the function sends.
     */
    private Process startNat(long inside) throws IOException {
        Process nat = new ProcessBuilder(slirp.orElseThrow().toString(), "--configure", "--mtu=65520",
                "--disable-host-loopback", "--enable-sandbox", "--enable-seccomp", "--ready-fd=1", "--exit-fd=0",
                "--netns-type=path", "/proc/" + inside + "/ns/net", "tap0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("lamina-slirp-" + nat.pid()).start(() -> readUntilReady(nat.getInputStream(), ready));
        try {
            if (ready.get(READY_MS, TimeUnit.MILLISECONDS)) {
                return nat;
            }
            throw new IOException("slirp4netns ended before the network was ready");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            nat.destroyForcibly();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException | IOException e) {
            nat.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("slirp4netns did not get ready", e);
        }
    }

    /**
     * slirp4netns writes "1" to its ready fd (its stdout here) once the interface is up, after the
     * warnings it prints there (which contain no digit). Reading stops there: a thread blocked on a
     * pipe for the environment's life would hold a carrier thread; what slirp4netns might print
     * later fits the pipe's buffer, and the JDK drains it when the process ends.
     */
    private static void readUntilReady(InputStream out, CompletableFuture<Boolean> ready) {
        try {
            int b;
            while ((b = out.read()) != -1) {
                if (b == '1') {
                    ready.complete(true);
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("reading slirp4netns's output failed", e);
        }
        ready.complete(false);
    }
}
