package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.RuntimeId;
import dev.lamina.server.AsyncConfig;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.MetricsConfig;
import dev.lamina.server.SecurityConfig;
import dev.lamina.server.ServerConfig;
import dev.lamina.server.TracesConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile functions probe the network from inside their sandbox. In the default mode, egress, a
 * function reaches "the outside" (a network namespace this test makes, behind a veth pair: there is
 * no internet here) and Lamina's API through its relay, but no address of the host: not Lamina's port
 * (Lamina binds 0.0.0.0 here), not a listener on the host's loopback or on its own address, not any
 * other port the host listens on (where other environments' Runtime APIs were before they moved
 * into their namespaces), not 169.254.169.254. A function whose VpcConfig names subnets (mode none)
 * has nothing but its loopback. A neighbour function answers throughout.
 *
 * <p>Needs root (the namespaces Lamina enters and the veth pair the test makes), like the isolation itself.
 */
class NetworkIsolationIT {
    static final String OUTSIDE = "198.18.0.2";
    static final String OUTSIDE_HOST_SIDE = "198.18.0.1";
    static final int OUTSIDE_PORT = 8080;

    static Outside outside;
    static ServerSocket onLoopback;
    /** What this JVM listened on before: servers of other test classes in the same JVM. */
    static List<Integer> listeningBefore;
    static ServerSocket onHostAddress;
    static String hostAddress;
    static TestServer server;
    static int laminaPort;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need Lamina to run as root");
        outside = Outside.create(OUTSIDE_HOST_SIDE, OUTSIDE, OUTSIDE_PORT);
        hostAddress = hostAddress();
        listeningBefore = ownListeningPorts();
        onLoopback = new ServerSocket();
        onLoopback.bind(new InetSocketAddress("127.0.0.1", 0));
        onHostAddress = new ServerSocket();
        onHostAddress.bind(new InetSocketAddress(hostAddress, 0));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lamina-data-");
        server = TestServer.start(new ServerConfig("0.0.0.0", 0, dir, new Region("us-east-1"),
                new AccountId("000000000000"), Optional.of(TestServer.KEYS), ExecutionConfig.defaults()
                .withPrewarm(List.of(new ExecutionConfig.Prewarm(RuntimeId.Family.PYTHON, 128))),
                AsyncConfig.defaults(), Optional.empty(), SecurityConfig.defaults(), TracesConfig.defaults(),
                MetricsConfig.defaults(), dev.lamina.server.LogsConfig.defaults(), Optional.empty()));
        laminaPort = server.endpoint().getPort();
        var lambda = server.lambda();
        byte[] probe = Packages.zip(Map.of("probe.py", Packages.resource("fixtures/python-net/probe.py", 0644)));
        Functions.create(lambda, "probe-egress", "python3.12", "probe.handler", probe, b -> b.timeout(30));
        Functions.create(lambda, "probe-none", "python3.12", "probe.handler", probe,
                b -> b.timeout(30).vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1")));
        Functions.create(lambda, "neighbour", "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.timeout(30));
        assertNeighbourAnswers();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        for (ServerSocket s : new ServerSocket[]{onLoopback, onHostAddress}) {
            if (s != null) {
                s.close();
            }
        }
        if (outside != null) {
            outside.close();
        }
    }

    @Test
    void egressReachesTheOutsideAndLaminasApiButNothingOfTheHost() throws IOException {
        List<List<Object>> targets = new ArrayList<>();
        for (String host : List.of(hostAddress, OUTSIDE_HOST_SIDE, "10.0.2.2")) {
            targets.add(List.of(host, laminaPort));
            targets.add(List.of(host, onLoopback.getLocalPort()));
            targets.add(List.of(host, onHostAddress.getLocalPort()));
        }
        targets.add(List.of("127.0.0.1", onLoopback.getLocalPort()));
        targets.add(List.of("169.254.169.254", 80));
        // Every port anything on the host listens on, through each way out there might be.
        for (int port : hostListeningPorts()) {
            targets.add(List.of("10.0.2.2", port));
            targets.add(List.of(hostAddress, port));
        }
        JsonNode r = probe("probe-egress", Map.of("targets", targets, "timeout", 1,
                "fetch", List.of(OUTSIDE, OUTSIDE_PORT), "get", server.endpoint() + "/health"));

        assertThat(r.path("fetched").asText()).as("the outside answers").isEqualTo("outside");
        assertThat(r.path("probes").size()).isEqualTo(new TreeSet<>(targets.stream()
                .map(t -> t.get(0) + ":" + t.get(1)).toList()).size());
        r.path("probes").properties().forEach(p ->
                assertThat(p.getValue().asText()).as(p.getKey()).doesNotStartWith("connected"));
        assertThat(r.path("interfaces").toString()).isEqualTo("[\"lo\",\"tap0\"]");
        assertThat(r.path("runtimeApi").asText()).isEqualTo("127.0.0.1:9001");
        // Lamina's API, and only that, through the relay on the sandbox's loopback at Lamina's port.
        assertThat(r.path("endpoint").asText()).isEqualTo("http://127.0.0.1:" + laminaPort);
        assertThat(r.path("got").asInt()).isEqualTo(200);
        assertNeighbourAnswers();
    }

    @Test
    void noneHasNothingButItsLoopback() {
        JsonNode r = probe("probe-none", Map.of("timeout", 1, "targets", List.of(
                List.of("127.0.0.1", laminaPort), List.of(hostAddress, laminaPort),
                List.of("127.0.0.1", onLoopback.getLocalPort()), List.of("169.254.169.254", 80)),
                "fetch", List.of(OUTSIDE, OUTSIDE_PORT)));

        assertThat(r.path("interfaces").toString()).isEqualTo("[\"lo\"]");
        assertThat(r.path("fetched").asText()).contains("unreachable");
        r.path("probes").properties().forEach(p ->
                assertThat(p.getValue().asText()).as(p.getKey()).doesNotStartWith("connected"));
        assertThat(r.path("runtimeApi").asText()).isEqualTo("127.0.0.1:9001");
        assertNeighbourAnswers();
    }

    @Test
    void noEnvironmentListensOnTheHost() throws IOException {
        // Environments are alive (the neighbour and the probe, idle in the pool), yet the only sockets
        // this process (Lamina, in-process) listens on in the host's namespace are Lamina's and the test's.
        assertNeighbourAnswers();
        probe("probe-egress", Map.of("targets", List.of()));
        List<Integer> allowed = new java.util.ArrayList<>(listeningBefore);
        allowed.addAll(List.of(laminaPort, onLoopback.getLocalPort(), onHostAddress.getLocalPort()));
        assertThat(ownListeningPorts()).isSubsetOf(allowed).contains(laminaPort);
    }

    @Test
    void eachEnvironmentHasItsOwnRuntimeApiAtTheSameAddress() throws Exception {
        // Two environments of one function at once: both at 127.0.0.1:9001, each answered by its own.
        Thread other = Thread.ofVirtual().start(() -> probe("probe-egress", Map.of("targets", List.of())));
        JsonNode r = probe("probe-egress", Map.of("targets", List.of()));
        other.join();
        assertThat(r.path("runtimeApi").asText()).isEqualTo("127.0.0.1:9001");
        assertNeighbourAnswers();
    }

    @Test
    void stemCellsServeOnlyFunctionsOfTheirMode() throws Exception {
        var lambda = server.lambda();
        byte[] probe = Packages.zip(Map.of("probe.py", Packages.resource("fixtures/python-net/probe.py", 0644)));
        Functions.create(lambda, "cell-none", "python3.12", "probe.handler", probe,
                b -> b.memorySize(128).timeout(30).vpcConfig(v -> v.subnetIds("subnet-2")));
        Functions.create(lambda, "cell-egress", "python3.12", "probe.handler", probe, b -> b.memorySize(128).timeout(30));
        awaitEgressCell();
        // A prewarmed cell waits, with egress; the none function's cold start must not take it (it may
        // take a cell of mode none, which the pool boots once such functions have asked for cells).
        JsonNode none = probe("cell-none", Map.of("targets", List.of()));
        assertThat(none.path("interfaces").toString()).isEqualTo("[\"lo\"]");
        awaitEgressCell();
        JsonNode egress = probe("cell-egress", Map.of("targets", List.of(), "get", server.endpoint() + "/health"));
        assertThat(egress.path("interfaces").toString()).isEqualTo("[\"lo\",\"tap0\"]");
        assertThat(egress.path("got").asInt()).as("Lamina's API from a cell").isEqualTo(200);
        // The runtime was started for no function: it is the cell from the pool.
        assertThat(egress.path("startedAs").isNull()).as(egress.toString()).isTrue();
        assertNeighbourAnswers();
    }

    static void awaitEgressCell() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                Functions.JSON.readTree(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(server.endpoint() + "/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                        .path("stemCells").path("python:128").asInt() >= 1);
    }

    static JsonNode probe(String function, Map<String, Object> event) {
        try {
            Functions.Invocation i = Functions.invoke(server.lambda(), function, Functions.JSON.writeValueAsString(event));
            assertThat(i.response().functionError()).as(i.payload()).isNull();
            return i.json();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertNeighbourAnswers() {
        Functions.Invocation i = Functions.invoke(server.lambda(), "neighbour", "{\"action\":\"echo\",\"n\":1}");
        assertThat(i.response().functionError()).as(i.payload()).isNull();
        assertThat(i.json().path("event").path("n").asInt()).isEqualTo(1);
    }

    /** The host's first IPv4 address that is neither loopback nor the test's outside link. */
    static String hostAddress() throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.getHostAddress().equals(OUTSIDE_HOST_SIDE)) {
                    return a.getHostAddress();
                }
            }
        }
        return OUTSIDE_HOST_SIDE;
    }

    /** The ports of listening TCP sockets of this process in the host's network namespace. */
    static List<Integer> ownListeningPorts() throws IOException {
        TreeSet<String> inodes = new TreeSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // Closed meanwhile.
                }
            }
        }
        TreeSet<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
                }
            }
        }
        return List.copyOf(ports);
    }

    /** TCP ports in LISTEN state in the host's network namespace (/proc/net/tcp and tcp6), at most 200. */
    static List<Integer> hostListeningPorts() throws IOException {
        TreeSet<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A")) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports.stream().limit(200).toList();
    }
}
