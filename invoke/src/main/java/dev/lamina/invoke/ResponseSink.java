package dev.lamina.invoke;

import java.io.IOException;

/**
 * Where a streamed response goes while the function writes it (Lambda's response streaming: the
 * runtime posted its response with {@code Lambda-Runtime-Function-Response-Mode: streaming}).
 * Calls come from one thread, in order: {@link #started} once, then {@link #chunk} for each piece
 * as it arrives. A sink that throws {@link IOException} (the client went away) stops the
 * forwarding; the function still runs to its end, as on AWS.
 */
public interface ResponseSink {

    /**
     * The runtime began a streamed response.
     *
     * @param contentType the runtime's Content-Type for the stream ({@code application/octet-stream}
     *                    by default; {@code application/vnd.awslambda.http-integration-response} when
     *                    the function used {@code awslambda.HttpResponseStream.from}: a JSON prelude,
     *                    eight NUL bytes, then the body)
     */
    void started(String contentType) throws IOException;

    /** The next piece of the body, exactly as the runtime sent it. */
    void chunk(byte[] data, int offset, int length) throws IOException;
}
