package dev.lamina.invoke;

import dev.lamina.model.FunctionConfig;
import dev.lamina.sandbox.NetworkMode;
import dev.lamina.sandbox.Sandbox;
import dev.lamina.sandbox.SandboxNetwork;
import dev.lamina.sandbox.SandboxedProcess;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an environment reaches Lamina: its Runtime API endpoint and, in {@link NetworkMode#EGRESS},
 * Lamina's own API.
 *
 * <p>Where the sandbox has a network namespace of its own, both are on the namespace's loopback:
 * the Runtime API at {@code 127.0.0.1:9001} (as on Lambda), served by Jetty straight from a socket
 * made inside the namespace, and Lamina's API at {@code 127.0.0.1:<Lamina's port>} (9002 when that is
 * 9001) through an {@link ApiRelay}; nothing else of the host is reachable. Where it shares the
 * host's network, the Runtime API is a port of its own on the host's loopback and Lamina's API is
 * where Lamina is.
 *
 * <p>A function chooses {@link NetworkMode#NONE} the AWS way, with a VpcConfig that names subnets:
 * on Lambda such a function reaches only its VPC, and Lamina has no VPCs.
 */
final class EnvironmentNetwork {
    static final int RUNTIME_API_PORT = 9001;

    private final Sandbox sandbox;
    private final RuntimeApiServer runtimeApi;
    private final URI lamina;

    EnvironmentNetwork(Sandbox sandbox, RuntimeApiServer runtimeApi, URI lamina) {
        this.sandbox = sandbox;
        this.runtimeApi = runtimeApi;
        this.lamina = lamina;
    }

    /** The network mode of a function: {@link NetworkMode#NONE} when its VpcConfig names subnets. */
    static NetworkMode mode(FunctionConfig config) {
        return config.vpc().subnetIds().isEmpty() ? NetworkMode.EGRESS : NetworkMode.NONE;
    }

    /**
     * One environment's links to Lamina: what it is told (its variables) and what Lamina opens for
     * it. Close it when the environment has ended.
     */
    static final class Link implements AutoCloseable {
        private final NetworkMode mode;
        private final RuntimeChannel channel;
        private final SandboxNetwork sandboxNetwork;
        private final String runtimeApiAddress;
        private final String laminaEndpoint;
        private final List<AutoCloseable> opened = new ArrayList<>();

        private Link(NetworkMode mode, RuntimeChannel channel, SandboxNetwork sandboxNetwork, String runtimeApiAddress,
                     String laminaEndpoint) {
            this.mode = mode;
            this.channel = channel;
            this.sandboxNetwork = sandboxNetwork;
            this.runtimeApiAddress = runtimeApiAddress;
            this.laminaEndpoint = laminaEndpoint;
        }

        NetworkMode mode() {
            return mode;
        }

        RuntimeChannel channel() {
            return channel;
        }

        /** What the sandbox must be started with. */
        SandboxNetwork sandboxNetwork() {
            return sandboxNetwork;
        }

        /** AWS_LAMBDA_RUNTIME_API. */
        String runtimeApiAddress() {
            return runtimeApiAddress;
        }

        /** AWS_ENDPOINT_URL and the per-service variables. */
        String laminaEndpoint() {
            return laminaEndpoint;
        }

        @Override
        public synchronized void close() {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception e) {
                    // Each closes what it can; the sandbox's end closes its sockets in any case.
                }
            }
            opened.clear();
        }
    }

    /** Before the sandbox starts. A host endpoint (shared network) is opened now; close the link on failure. */
    Link prepare(RuntimeChannel channel, NetworkMode mode) throws Exception {
        if (!sandbox.isolates(mode)) {
            RuntimeApiServer.Endpoint endpoint = runtimeApi.open(channel);
            Link link = new Link(mode, channel, new SandboxNetwork(mode, List.of()), endpoint.address(),
                    lamina.toString());
            link.opened.add(() -> runtimeApi.close(endpoint));
            return link;
        }
        int relayPort = relayPort();
        List<Integer> ports = mode == NetworkMode.EGRESS ? List.of(RUNTIME_API_PORT, relayPort)
                : List.of(RUNTIME_API_PORT);
        // In mode none nothing listens on the relay port: the function's SDK gets "connection refused".
        return new Link(mode, channel, new SandboxNetwork(mode, ports), "127.0.0.1:" + RUNTIME_API_PORT,
                onLoopback(relayPort));
    }

    /** After the sandbox has started: serves what {@link #prepare} promised on the sandbox's sockets. */
    void attach(Link link, SandboxedProcess process) throws Exception {
        if (link.sandboxNetwork.listenPorts().isEmpty()) {
            return;
        }
        RuntimeApiServer.Endpoint endpoint = runtimeApi.open(link.channel, process.listener(RUNTIME_API_PORT)
                .orElseThrow(() -> new IllegalStateException("the sandbox has no Runtime API socket")),
                link.runtimeApiAddress);
        synchronized (link) {
            link.opened.add(() -> runtimeApi.close(endpoint));
        }
        Optional<java.nio.channels.ServerSocketChannel> relay = process.listener(relayPort());
        if (relay.isPresent()) {
            ApiRelay started = ApiRelay.start(relay.get(), lamina.getHost(), laminaPort());
            synchronized (link) {
                link.opened.add(started);
            }
        }
    }

    private int laminaPort() {
        return lamina.getPort() != -1 ? lamina.getPort() : "https".equals(lamina.getScheme()) ? 443 : 80;
    }

    private int relayPort() {
        return laminaPort() == RUNTIME_API_PORT ? RUNTIME_API_PORT + 1 : laminaPort();
    }

    private String onLoopback(int port) {
        try {
            return new URI(lamina.getScheme(), null, "127.0.0.1", port, lamina.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
