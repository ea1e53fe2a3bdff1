package dev.lamina.server;

import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running Lamina server. {@link #close()} stops it gracefully: the listener closes, requests in
 * flight finish, background work stops and the store is closed cleanly.
 */
public final class LaminaServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LaminaServer.class);

    private final Server jetty;
    private final URI endpoint;
    private final Optional<URI> metrics;
    private final RootCredentials.Loaded credentials;
    private final List<AutoCloseable> resources;
    private boolean closed;

    /** @param resources closed in reverse order after the HTTP server has stopped */
    LaminaServer(Server jetty, URI endpoint, Optional<URI> metrics, RootCredentials.Loaded credentials,
                 List<AutoCloseable> resources) {
        this.jetty = jetty;
        this.endpoint = endpoint;
        this.metrics = metrics;
        this.credentials = credentials;
        this.resources = new ArrayList<>(resources);
    }

    /** {@code http://<bind>:<port>}: the endpoint to give clients. */
    public URI endpoint() {
        return endpoint;
    }

    /** Where Prometheus scrapes, when metrics are on: the API's {@code /metrics} or the management listener's. */
    public Optional<URI> metricsUrl() {
        return metrics;
    }

    public int port() {
        return endpoint.getPort();
    }

    public RootCredentials.Loaded credentials() {
        return credentials;
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop cleanly", e);
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resources.get(i), e);
            }
        }
        LOG.info("Lamina stopped");
    }
}
