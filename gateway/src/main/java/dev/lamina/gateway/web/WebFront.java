package dev.lamina.gateway.web;

import java.io.IOException;

/** A front door the edge hands requests to: function URLs, or execute-api (HTTP and REST APIs). */
public interface WebFront {

    /**
     * Serves one request to its end through {@code responder}: every outcome, an unknown id or a
     * failing function included, is an HTTP answer as AWS gives it, never an exception, except an
     * {@link IOException} when the client went away.
     */
    void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException;
}
