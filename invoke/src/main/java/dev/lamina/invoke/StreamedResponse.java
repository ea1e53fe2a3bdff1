package dev.lamina.invoke;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.Trailers;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Runtime API's streamed response: {@code POST /runtime/invocation/{id}/response} with
 * {@code Lambda-Runtime-Function-Response-Mode: streaming}, a body sent over time (chunked), and
 * an error that happened after streaming began as the trailers
 * {@code Lambda-Runtime-Function-Error-Type} and {@code Lambda-Runtime-Function-Error-Body}
 * (Base64 of the error document). Each piece of the body goes to the invocation's
 * {@link ResponseStream} as it arrives, on the thread serving the request (a virtual thread).
 */
final class StreamedResponse {
    static final String MODE_HEADER = "Lambda-Runtime-Function-Response-Mode";
    static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    static final String ERROR_BODY = "Lambda-Runtime-Function-Error-Body";
    /** Lambda's limit on a streamed response (issue 15: 20 MB; AWS has since raised its own). */
    static final long MAX_STREAMED_BYTES = 20L * 1024 * 1024;
    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private StreamedResponse() {
    }

    static void read(RuntimeChannel channel, String requestId, Request request, Response response, Callback callback)
            throws RuntimeChannel.RuntimeApiException {
        String contentType = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE))
                .filter(t -> !t.isBlank()).orElse(DEFAULT_CONTENT_TYPE);
        ResponseStream stream = new ResponseStream(contentType);
        channel.beginStream(requestId, stream);
        try {
            read(channel, stream, request, response, callback, MAX_STREAMED_BYTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            offerBroken(stream);
            callback.failed(e);
        }
    }

    /** Reads the body to its end, its refusal for its size, or a broken connection. */
    static void read(RuntimeChannel channel, ResponseStream stream, Request request, Response response,
                     Callback callback, long limit) throws InterruptedException {
        long total = 0;
        HttpFields trailers = null;
        for (;;) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                CompletableFuture<Void> more = new CompletableFuture<>();
                request.demand(() -> more.complete(null));
                more.join();
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                offerBroken(stream);
                callback.failed(chunk.getFailure());
                return;
            }
            if (chunk instanceof Trailers t) {
                trailers = t.getTrailers();
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            boolean last = chunk.isLast();
            if (n > 0) {
                total += n;
                if (total > limit) {
                    chunk.release();
                    channel.endStream(stream, new ResponseStream.TooLarge(limit));
                    // The rest of the body is not read: Jetty closes the connection after the answer.
                    RuntimeApiServer.reply(response, callback, 413, RuntimeApiServer.error("RequestEntityTooLarge",
                            "Exceeded maximum allowed payload size (" + limit + " bytes)."));
                    return;
                }
                byte[] bytes = new byte[n];
                buffer.get(bytes);
                stream.offer(new ResponseStream.Data(bytes)); // refused once the invocation is over: dropped
            }
            chunk.release();
            if (last) {
                break;
            }
        }
        channel.endStream(stream, new ResponseStream.End(error(trailers)));
        RuntimeApiServer.reply(response, callback, 202, "{\"status\":\"OK\"}");
    }

    /** The error the trailers report, if they report one. */
    static Optional<RuntimeAnswer.Error> error(HttpFields trailers) {
        if (trailers == null) {
            return Optional.empty();
        }
        String type = trailers.get(ERROR_TYPE);
        String body = trailers.get(ERROR_BODY);
        if ((type == null || type.isBlank()) && (body == null || body.isBlank())) {
            return Optional.empty();
        }
        byte[] document;
        try {
            document = body == null ? new byte[0] : Base64.getDecoder().decode(body.trim());
        } catch (IllegalArgumentException e) {
            document = body.getBytes(StandardCharsets.UTF_8); // not Base64: FunctionError.posted judges it
        }
        return Optional.of(new RuntimeAnswer.Error(type == null || type.isBlank() ? "Unhandled" : type.trim(),
                document));
    }

    private static void offerBroken(ResponseStream stream) {
        try {
            stream.offer(new ResponseStream.Broken());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
