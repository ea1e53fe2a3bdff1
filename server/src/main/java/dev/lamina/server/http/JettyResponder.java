package dev.lamina.server.http;

import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebResponder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A front door's answer over Jetty's response. One answer per request: {@link #send} writes a whole
 * response with its Content-Length; {@link #stream} commits the head at once and hands out a stream
 * whose writes go straight to the connection (chunked transfer on HTTP/1.1), so each flushed chunk
 * reaches the client while the function is still running. Writes block the request's (virtual) thread.
 */
final class JettyResponder implements WebResponder {
    private final Response response;
    private boolean answered;

    JettyResponder(Response response) {
        this.response = response;
    }

    /** Whether {@link #send} or {@link #stream} was called (the status line is then the front's). */
    boolean answered() {
        return answered;
    }

    @Override
    public void send(int status, List<WebRequest.Header> headers, byte[] body) throws IOException {
        begin(status, headers);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(body), done);
            done.block();
        }
    }

    @Override
    public OutputStream stream(int status, List<WebRequest.Header> headers) throws IOException {
        begin(status, headers);
        response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(false, BufferUtil.EMPTY_BUFFER, done); // commits the status line and headers now
            done.block();
        }
        return new BodyStream(response);
    }

    private void begin(int status, List<WebRequest.Header> headers) {
        if (answered) {
            throw new IllegalStateException("a front door answers once");
        }
        answered = true;
        response.setStatus(status);
        for (WebRequest.Header h : headers) {
            if (allowed(h)) {
                response.getHeaders().add(h.name(), h.value());
            }
        }
    }

    /** Headers that frame the connection are the edge's to set; none breaks the HTTP framing. */
    private static final java.util.Set<String> FRAMING = java.util.Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "trailer", "te", "proxy-connection");

    /**
     * Whether a front's header may go out: not a framing header, a token for a name, and a value
     * without control characters (no response splitting, whatever a function answered).
     */
    static boolean allowed(WebRequest.Header h) {
        String name = h.name();
        if (name.isEmpty() || FRAMING.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        for (int i = 0; i < h.value().length(); i++) {
            char c = h.value().charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Every write is sent at once (no buffer of our own); close ends the chunked body. */
    private static final class BodyStream extends OutputStream {
        private final Response response;
        private boolean closed;

        BodyStream(Response response) {
            this.response = response;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the response has ended");
            }
            if (len == 0) {
                return;
            }
            // A copy: the caller may reuse its array as soon as write returns, and Jetty keeps the
            // buffer until the bytes are on the wire.
            ByteBuffer chunk = ByteBuffer.wrap(java.util.Arrays.copyOfRange(b, off, off + len));
            Content.Sink.write(response, false, chunk);
        }

        @Override
        public void flush() {
            // every write already went to the connection
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                Content.Sink.write(response, true, BufferUtil.EMPTY_BUFFER);
            }
        }
    }
}
