package dev.lamina.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * "The outside world" for network tests, on this machine: a network namespace of its own behind a
 * veth pair, with a TCP server that greets every connection with "outside". Its address is not one
 * of the host's, so a function in egress mode may reach it; the host side of the pair is one of the
 * host's addresses. Needs root. Traffic to it never leaves the machine.
 */
final class Outside implements AutoCloseable {
    private final String namespace;
    private final String hostLink;
    private final Process server;

    private Outside(String namespace, String hostLink, Process server) {
        this.namespace = namespace;
        this.hostLink = hostLink;
        this.server = server;
    }

    static Outside create(String hostSide, String outside, int port) throws IOException, InterruptedException {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        String ns = "lamina-out-" + id;
        String hostLink = "lo-h" + id;
        String nsLink = "lo-o" + id;
        run("ip", "netns", "add", ns);
        run("ip", "link", "add", hostLink, "type", "veth", "peer", "name", nsLink);
        run("ip", "link", "set", nsLink, "netns", ns);
        run("ip", "addr", "add", hostSide + "/30", "dev", hostLink);
        run("ip", "link", "set", hostLink, "up");
        run("ip", "netns", "exec", ns, "ip", "addr", "add", outside + "/30", "dev", nsLink);
        run("ip", "netns", "exec", ns, "ip", "link", "set", nsLink, "up");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        String greeter = """
                import socket
                s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("%s", %d)); s.listen(16); print("ready", flush=True)
                while True:
                    c, _ = s.accept(); c.sendall(b"outside"); c.close()
                """.formatted(outside, port);
        Process server = new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-c", greeter)
                .redirectErrorStream(true).start();
        String ready = new String(server.getInputStream().readNBytes(6));
        if (!ready.startsWith("ready")) {
            server.destroyForcibly();
            throw new IOException("the outside server did not start: " + ready);
        }
        return new Outside(ns, hostLink, server);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        run("ip", "netns", "del", namespace);
        new ProcessBuilder("ip", "link", "del", hostLink).redirectErrorStream(true).start().waitFor();
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(argv))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
    }
}
