package dev.lamina.bench;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import java.net.URI;
import java.nio.ByteBuffer;

/**
 * A floor for the HTTP benchmark in the harness's JVM: Jetty configured as Lamina configures it (a
 * virtual thread per request), answering every request at once with its own body. What Lamina's
 * HTTP stack costs before Lamina does anything.
 */
final class JettyFloor implements AutoCloseable {
    private final Server server;
    final URI endpoint;

    private JettyFloor(Server server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static JettyFloor start() throws Exception {
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("floor-http");
        threads.setMaxConcurrentTasks(10_000);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                ByteBuffer body = Content.Source.asByteBuffer(request);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
                response.write(true, body, callback);
                return true;
            }
        });
        server.start();
        return new JettyFloor(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
