package dev.lamina.gateway.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * How a front door answers: once, with {@link #send} (a whole response) or {@link #stream} (a status
 * and headers now, the body as it is produced). Implemented by the edge over its HTTP server.
 */
public interface WebResponder {

    /** Answers the whole response; headers may repeat (Set-Cookie, multi-value headers). */
    void send(int status, List<WebRequest.Header> headers, byte[] body) throws IOException;

    /**
     * Commits the status and headers and answers a stream for the body, sent with chunked transfer
     * encoding: every {@code write} followed by {@code flush} reaches the client at once. Closing
     * the stream ends the response. An {@link IOException} from a write means the client went away.
     */
    OutputStream stream(int status, List<WebRequest.Header> headers) throws IOException;
}
