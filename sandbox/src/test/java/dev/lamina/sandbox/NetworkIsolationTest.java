package dev.lamina.sandbox;

import dev.lamina.sandbox.cgroup.Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A sandbox's own network namespace: the socket Lamina makes for it listens on the sandbox's
 * loopback (and only there), mode none has nothing but that loopback, and egress has a way out
 * that does not lead to the host's addresses. Needs root, as the namespaces do.
 */
class NetworkIsolationTest {
    static Sandbox sandbox;
    @TempDir
    static Path shared;
    static Path task;

    @BeforeAll
    static void detect() throws IOException {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "network namespaces need root");
        // Traversable by the sandbox's uid before detection: the generated resolv.conf is in there.
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        sandbox = Sandboxes.detect(new Sandboxes.Options(Path.of("/sys/fs/cgroup"), shared.resolve("plain-tmp"),
                Identity.LAMBDA, false, true));
        assertThat(sandbox.isolates(NetworkMode.NONE)).as(sandbox.describe()).isTrue();
        assertThat(sandbox.isolates(NetworkMode.EGRESS)).as("slirp4netns must be installed").isTrue();
        task = Files.createDirectories(shared.resolve("task"));
    }

    @Test
    void theListenerIsOnTheSandboxsOwnLoopback() throws Exception {
        SandboxedProcess p = start(NetworkMode.NONE, List.of(9001), """
                import socket
                s = socket.create_connection(("127.0.0.1", 9001), timeout=10)
                s.sendall(b"hello from inside")
                print(s.recv(100).decode(), sorted(n for _, n in socket.if_nameindex()))
                """);
        ServerSocketChannel listener = p.listener(9001).orElseThrow();
        assertThat(((InetSocketAddress) listener.getLocalAddress()).getPort()).isEqualTo(9001);
        try (SocketChannel c = listener.accept()) {
            ByteBuffer in = ByteBuffer.allocate(100);
            c.read(in);
            assertThat(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8)).isEqualTo("hello from inside");
            c.write(ByteBuffer.wrap("hello from Lamina".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(output(p)).isEqualTo("hello from Lamina ['lo']");
        // Nothing of the host listens on that port: it is the sandbox's own.
        assertThat(p.listener(9002)).isEmpty();
    }

    @Test
    void egressHasAWayOutButNotToTheHost() throws Exception {
        try (ServerSocket host = new ServerSocket()) {
            String address = NetworkIsolation.hostAddresses().getFirst().replace("/32", "");
            host.bind(new InetSocketAddress(address, 0));
            SandboxedProcess p = start(NetworkMode.EGRESS, List.of(), """
                    import socket
                    try:
                        socket.create_connection(("%s", %d), timeout=5)
                        result = "connected"
                    except OSError as e:
                        result = type(e).__name__
                    print(result, sorted(n for _, n in socket.if_nameindex()))
                    """.formatted(address, host.getLocalPort()));
            assertThat(output(p)).isEqualTo("PermissionError ['lo', 'tap0']");
        }
    }

    /**
     * The host's resolv.conf may name a resolver on its own loopback (systemd-resolved's
     * 127.0.0.53), which inside the namespace is the sandbox's: egress asks slirp4netns's forwarder,
     * none names no resolver at all.
     */
    @Test
    void eachIsolatedModeHasAResolvConfOfItsOwn() throws Exception {
        String program = "print([l.split()[1] for l in open('/etc/resolv.conf') if l.startswith('nameserver')])";
        assertThat(output(start(NetworkMode.EGRESS, List.of(), program))).isEqualTo("['10.0.2.3']");
        assertThat(output(start(NetworkMode.NONE, List.of(), program))).isEqualTo("[]");
    }

    /**
     * Many egress sandboxes started at once all come up: slirp4netns must not touch a namespace
     * before bubblewrap has set up its loopback (it once did, and bubblewrap died with "loopback:
     * Failed RTM_NEWADDR" in about one start of four when the starts overlapped).
     */
    @Test
    void egressSandboxesStartedTogetherAllComeUp() throws Exception {
        List<CompletableFuture<String>> runs = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 24; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return output(start(NetworkMode.EGRESS, List.of(9001), "print('up')"));
                    } catch (Exception e) {
                        return e.toString();
                    }
                }, pool));
            }
        }
        assertThat(runs.stream().map(CompletableFuture::join).toList()).containsOnly("up");
    }

    static SandboxedProcess start(NetworkMode mode, List<Integer> ports, String program) throws IOException {
        return sandbox.start(new SandboxSpec("net-" + UUID.randomUUID(), List.of(SandboxTest.PYTHON, "-c", program), Map.of(),
                new Mounts(task, task, Optional.empty(), List.of()), 16, new Limits(256L << 20, 1, 64),
                new SandboxNetwork(mode, ports)));
    }

    static String output(SandboxedProcess p) throws Exception {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                return e.toString();
            }
        });
        assertThat(p.onExit().get(60, TimeUnit.SECONDS).code()).isZero();
        return out.get(10, TimeUnit.SECONDS);
    }
}
