package dev.lamina.server.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/** A real Jetty on a free loopback port with one handler, as Main starts it (virtual threads). */
final class EdgeServer implements AutoCloseable {
    private final Server jetty;
    private final int port;

    EdgeServer(Handler handler) throws Exception {
        VirtualThreadPool threads = new VirtualThreadPool();
        jetty = new Server(threads);
        org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
        http.setUriCompliance(ApiHandler.URI_COMPLIANCE);
        ServerConnector connector = new ServerConnector(jetty, new org.eclipse.jetty.server.HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(handler);
        jetty.start();
        port = connector.getLocalPort();
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
