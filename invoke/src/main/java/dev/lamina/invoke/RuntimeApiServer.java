package dev.lamina.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Runtime API 2018-06-01, served to every environment on a socket of its own: a connection can
 * only reach the environment its socket belongs to. The socket is in the environment's own network
 * namespace where it has one ({@link EnvironmentNetwork}), else a port of the host's loopback. One
 * Jetty server with one connector per environment, added and removed as environments come and go.
 * A runtime's long-polling /next holds no thread: it is answered by whoever hands the invocation over.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeApiServer.class);
    static final String PREFIX = "/2018-06-01/runtime/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lambda's response limit, 6 MB plus the 100 bytes the Runtime API allows for framing. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

    private final Server server;
    private final Map<Connector, RuntimeChannel> channels = new ConcurrentHashMap<>();
    private final String host;

    RuntimeApiServer(String host) throws Exception {
        this.host = host;
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("lamina-runtime-api");
        threads.setMaxConcurrentTasks(100_000);
        server = new Server(threads);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                RuntimeChannel channel = channels.get(request.getConnectionMetaData().getConnector());
                serve(channel, request, response, callback);
                return true;
            }
        });
        server.start();
    }

    /** A Runtime API endpoint for one environment; close it when the environment has ended. */
    record Endpoint(ServerConnector connector, String address) {
    }

    Endpoint open(RuntimeChannel channel) throws Exception {
        ServerConnector connector = new ServerConnector(server, 0, 1);
        connector.setHost(host);
        connector.setPort(0);
        connector.setIdleTimeout(0); // /next may legitimately wait for minutes
        channels.put(connector, channel);
        server.addConnector(connector);
        connector.start();
        return new Endpoint(connector, host + ":" + connector.getLocalPort());
    }

    /**
     * An endpoint served from {@code listener}, a socket already listening where the environment
     * can reach it (inside its network namespace); {@code address} is what the environment is told.
     */
    Endpoint open(RuntimeChannel channel, ServerSocketChannel listener, String address) throws Exception {
        ServerConnector connector = new ServerConnector(server, 0, 1);
        connector.setIdleTimeout(0);
        channels.put(connector, channel);
        server.addConnector(connector);
        try {
            connector.open(listener);
            connector.start();
        } catch (Exception e) {
            server.removeConnector(connector); // nobody will close an endpoint that never existed
            channels.remove(connector);
            throw e;
        }
        return new Endpoint(connector, address);
    }

    void close(Endpoint endpoint) {
        try {
            endpoint.connector().stop();
        } catch (Exception e) {
            LOG.debug("stopping a runtime endpoint failed", e);
        }
        server.removeConnector(endpoint.connector());
        channels.remove(endpoint.connector());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static void serve(RuntimeChannel channel, Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        try {
            if (channel == null || !path.startsWith(PREFIX)) {
                reply(response, callback, 404, error("NotFound", "No such Runtime API route: " + path));
                return;
            }
            String route = path.substring(PREFIX.length());
            if (route.equals("invocation/next") && method.equals("GET")) {
                next(channel, response, callback);
            } else if (route.equals("lamina/assignment") && method.equals("GET") && channel.cell().isPresent()) {
                String query = request.getHttpURI().getQuery();
                assignment(channel.cell().get(), request.getHeaders().get("Lamina-Cell-Token"),
                        query != null && query.contains("format=lines"), response, callback);
            } else if (route.equals("init/error") && method.equals("POST")) {
                channel.initError(new RuntimeChannel.InitError(errorType(request), readBody(request)));
                reply(response, callback, 202, "{\"status\":\"OK\"}");
            } else if (route.startsWith("invocation/") && method.equals("POST")
                    && (route.endsWith("/response") || route.endsWith("/error"))) {
                String rest = route.substring("invocation/".length());
                String requestId = rest.substring(0, rest.lastIndexOf('/'));
                answer(channel, requestId, rest.endsWith("/response"), request, response, callback);
            } else {
                reply(response, callback, 404, error("NotFound", "No such Runtime API route: " + method + " " + path));
            }
        } catch (RuntimeChannel.RuntimeApiException e) {
            reply(response, callback, e.status(), error(e.errorType(), e.getMessage()));
        } catch (IOException e) {
            callback.failed(e);
        }
    }

    /**
     * GET /next answers at once when an invocation is waiting, and otherwise later, from the thread
     * that hands one over: the request holds no thread while the runtime waits.
     */
    private static void next(RuntimeChannel channel, Response response, Callback callback)
            throws RuntimeChannel.RuntimeApiException {
        RuntimeChannel.Waiter waiter = new RuntimeChannel.Waiter() {
            @Override
            public void deliver(Invocation invocation) {
                sendInvocation(invocation, response, callback);
            }

            @Override
            public void closed() {
                // The environment is going away; the runtime is about to receive SIGTERM.
                reply(response, callback, 500, error("InternalServerError", "The environment is shutting down"));
            }
        };
        channel.next(waiter).ifPresent(waiter::deliver);
    }

    /**
     * A stem cell's GET /lamina/assignment: answered when the cell becomes a function's environment,
     * as JSON ({@code {"handler": …, "environment": {…}}}) or, for the Java launcher, which has no
     * JSON parser, as lines ({@code format=lines}: the handler, then {@code name=value} lines, each
     * Base64).
     */
    private static void assignment(CellAssignment cell, String token, boolean lines, Response response,
                                   Callback callback) throws RuntimeChannel.RuntimeApiException {
        CellAssignment.Waiter waiter = new CellAssignment.Waiter() {
            @Override
            public void deliver(CellAssignment.Assignment assignment) {
                if (lines) {
                    Base64.Encoder b64 = Base64.getEncoder();
                    StringBuilder text = new StringBuilder(b64.encodeToString(utf8(assignment.handler()))).append('\n');
                    assignment.environment().forEach((name, value) ->
                            text.append(b64.encodeToString(utf8(name + "=" + value))).append('\n'));
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                    write(response, callback, utf8(text.toString()));
                    return;
                }
                ObjectNode o = JSON.createObjectNode().put("handler", assignment.handler());
                ObjectNode env = o.putObject("environment");
                assignment.environment().forEach(env::put);
                reply(response, callback, 200, o.toString());
            }

            @Override
            public void closed() {
                reply(response, callback, 500, error("InternalServerError", "The environment is shutting down"));
            }
        };
        cell.await(token, waiter).ifPresent(waiter::deliver);
    }

    private static void sendInvocation(Invocation i, Response response, Callback callback) {
        response.setStatus(200);
        var headers = response.getHeaders();
        headers.put("Lambda-Runtime-Aws-Request-Id", i.requestId());
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(i.deadlineEpochMs()));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", i.invokedFunctionArn());
        i.trace().ifPresent(t -> headers.put("Lambda-Runtime-Trace-Id", t.format()));
        i.clientContext().ifPresent(c -> headers.put("Lambda-Runtime-Client-Context", c));
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        headers.put(new HttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(i.payload().length)));
        // Non-blocking: the caller may be the invoking thread, which goes on to wait for the answer.
        response.write(true, ByteBuffer.wrap(i.payload()), callback);
    }

    private static void answer(RuntimeChannel channel, String requestId, boolean isResponse, Request request,
                               Response response, Callback callback)
            throws IOException, RuntimeChannel.RuntimeApiException {
        if (isResponse && "streaming".equalsIgnoreCase(request.getHeaders().get(StreamedResponse.MODE_HEADER))) {
            StreamedResponse.read(channel, requestId, request, response, callback);
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            channel.answer(requestId, new RuntimeAnswer.TooLarge());
            reply(response, callback, 413, error("RequestEntityTooLarge",
                    "Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."));
            return;
        }
        channel.answer(requestId, isResponse ? new RuntimeAnswer.Response(body)
                : new RuntimeAnswer.Error(errorType(request), body));
        reply(response, callback, 202, "{\"status\":\"OK\"}");
    }

    private static String errorType(Request request) {
        String type = request.getHeaders().get("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? "Unhandled" : type;
    }

    /** The body, or null when it is larger than the response limit (the rest is discarded). */
    private static byte[] readBody(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (body.length > MAX_RESPONSE_BYTES) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return body;
        }
    }

    static String error(String type, String message) {
        return "{\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"errorType\":\""
                + type + "\"}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void reply(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        write(response, callback, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Response response, Callback callback, byte[] body) {
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(body);
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }
}
