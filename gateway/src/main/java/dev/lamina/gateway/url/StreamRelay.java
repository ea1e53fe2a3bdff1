package dev.lamina.gateway.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.gateway.payload.V2Response;
import dev.lamina.gateway.web.WebRequest.Header;
import dev.lamina.gateway.web.WebResponder;
import dev.lamina.invoke.ResponseSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Relays a streamed response (InvokeMode RESPONSE_STREAM) to the client as the function writes it.
 * A stream of type {@value #HTTP_INTEGRATION} (node's {@code awslambda.HttpResponseStream.from})
 * begins with a JSON prelude ({@code statusCode}, {@code headers}, {@code cookies}) ended by eight
 * NUL bytes; any other stream is the body of a 200 with the stream's content type. The status and
 * headers go out with the first bytes of the body, so a function that fails before writing any
 * still gets Lambda's 502. Calls come from the invoking thread, in order.
 */
final class StreamRelay implements ResponseSink {
    static final String HTTP_INTEGRATION = "application/vnd.awslambda.http-integration-response";
    /** Lambda's limit on a streamed response. */
    static final long MAX_BYTES = 20L * 1024 * 1024;
    /** A prelude is a small JSON document; one longer than this never ends and is refused. */
    static final int MAX_PRELUDE = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DELIMITER = 8;

    private final WebResponder responder;
    private final UnaryOperator<List<Header>> decorate;
    private boolean started;
    private boolean integration;
    private ByteArrayOutputStream prelude;
    private int status = 200;
    private List<Header> headers;
    private OutputStream out;
    private long relayed;
    private String invalid;

    /** @param decorate adds the URL's own headers (CORS, x-amzn-RequestId) to the function's */
    StreamRelay(WebResponder responder, UnaryOperator<List<Header>> decorate) {
        this.responder = responder;
        this.decorate = decorate;
    }

    @Override
    public void started(String contentType) {
        started = true;
        integration = contentType != null && contentType.startsWith(HTTP_INTEGRATION);
        if (integration) {
            prelude = new ByteArrayOutputStream();
        } else {
            headers = List.of(new Header("Content-Type", contentType == null ? "application/octet-stream" : contentType));
        }
    }

    @Override
    public void chunk(byte[] data, int offset, int length) throws IOException {
        if (invalid != null) {
            throw new IOException(invalid);
        }
        if (integration && headers == null) {
            prelude.write(data, offset, length);
            byte[] bytes = prelude.toByteArray();
            int end = delimiter(bytes);
            if (end < 0) {
                if (bytes.length > MAX_PRELUDE) {
                    fail("the response's prelude is not ended by eight NUL bytes within " + MAX_PRELUDE + " bytes");
                }
                return;
            }
            readPrelude(bytes, end);
            int bodyStart = end + DELIMITER;
            if (bodyStart < bytes.length) {
                write(bytes, bodyStart, bytes.length - bodyStart);
            }
            return;
        }
        write(data, offset, length);
    }

    /** Whether the runtime streamed at all (otherwise the Result holds a whole answer). */
    boolean started() {
        return started;
    }

    /** Whether the status and headers went out (after that, only cutting the body short is possible). */
    boolean committed() {
        return out != null;
    }

    /** Why the stream could not be relayed, or null. */
    String invalid() {
        return invalid;
    }

    /** Ends a stream that completed: the answer goes out now if no body byte did. */
    void finish() throws IOException {
        if (integration && headers == null) {
            fail("the response stream ended inside its prelude");
            throw new IOException(invalid);
        }
        commit();
        out.close();
    }

    /** Cuts the answer short (a failure after the status went out). */
    void abort() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the client is gone already
            }
        }
    }

    private void write(byte[] data, int offset, int length) throws IOException {
        relayed += length;
        if (relayed > MAX_BYTES) {
            fail("the streamed response exceeds " + MAX_BYTES + " bytes");
        }
        commit();
        out.write(data, offset, length);
        out.flush();
    }

    private void commit() throws IOException {
        if (out == null) {
            out = responder.stream(status, decorate.apply(headers));
        }
    }

    private void readPrelude(byte[] bytes, int end) throws IOException {
        JsonNode prelude;
        try {
            prelude = JSON.readTree(bytes, 0, end);
        } catch (IOException e) {
            prelude = null;
        }
        if (prelude == null || !prelude.isObject()) {
            fail("the response's prelude is not a JSON object");
        }
        try {
            status = prelude.has("statusCode") ? V2Response.status(prelude.get("statusCode")) : 200;
            headers = V2Response.headers(prelude);
        } catch (V2Response.Invalid e) {
            fail(e.getMessage());
        }
    }

    private void fail(String reason) throws IOException {
        invalid = reason;
        throw new IOException(reason);
    }

    /** Where eight NUL bytes begin, or -1. */
    static int delimiter(byte[] bytes) {
        int run = 0;
        for (int i = 0; i < bytes.length; i++) {
            run = bytes[i] == 0 ? run + 1 : 0;
            if (run == DELIMITER) {
                return i - DELIMITER + 1;
            }
        }
        return -1;
    }
}
