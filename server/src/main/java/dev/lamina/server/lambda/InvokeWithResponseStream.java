package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * InvokeWithResponseStream: {@code POST /2021-11-15/functions/{FunctionName}/response-streaming-invocations}.
 * Runs the function and answers 200 with an event stream ({@link EventStreamFrames}): a
 * {@code PayloadChunk} event for each piece the function streams, as it streams it (a function that
 * does not stream: its whole payload as one), then {@code InvokeComplete} with the error, if any,
 * and the log tail when asked for. What prevents the invocation from starting (not found, throttled,
 * a bad request) is Lambda's ordinary error; what happens once it has started is in InvokeComplete.
 * DryRun only checks that the function can be invoked (204).
 */
record InvokeWithResponseStream(LambdaApi api, Invoker invoker) implements Operation {
    private static final Logger LOG = LoggerFactory.getLogger(InvokeWithResponseStream.class);

    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionRef ref = api.functionRef(request);
        Optional<Qualifier> qualifier = api.qualifier(request);
        String type = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
        String logType = request.header("X-Amz-Log-Type").orElse("None");
        Violations v = new Violations();
        v.oneOf("invocationType", type, List.of("RequestResponse", "DryRun"));
        v.oneOf("logType", logType, List.of("None", "Tail"));
        v.throwIfAny();
        byte[] payload = Invoke.payload(request);
        Optional<String> clientContext = clientContext(request.header("X-Amz-Client-Context"));
        // Not found, not ready: refused before anything runs. With a weighted alias the version run
        // may differ from this one; the header is sent before the invocation ends.
        String version = invoker.check(ref, qualifier);
        if (type.equals("DryRun")) {
            return ApiResponse.empty(204).withHeader("X-Amz-Executed-Version", version);
        }
        StreamedInvocation invocation = StreamedInvocation.start(invoker, new Invoker.Request(
                request.requestId().value(), ref, qualifier, payload, clientContext, logType.equals("Tail"),
                Invoke.callerTrace(request)));
        StreamedInvocation.Event first;
        try {
            first = invocation.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            invocation.clientGone();
            throw new LambdaException(ErrorCode.SERVICE, "The invocation was interrupted.");
        }
        if (first instanceof StreamedInvocation.Failed failed) {
            throw failed.error(); // a LambdaException is the API's error (throttled, …); anything else a 500
        }
        if (first instanceof StreamedInvocation.Finished finished) {
            version = finished.result().executedVersion();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", EventStreamFrames.CONTENT_TYPE);
        headers.put("X-Amz-Executed-Version", version);
        return new ApiResponse(200, headers, out -> stream(invocation, first, out));
    }

    /** Writes each event as it comes, each flushed to the client at once. */
    private static void stream(StreamedInvocation invocation, StreamedInvocation.Event first, OutputStream out)
            throws IOException {
        try {
            StreamedInvocation.Event event = first;
            for (;;) {
                switch (event) {
                    case StreamedInvocation.Started started -> out.flush(); // the 200 and its headers go now
                    case StreamedInvocation.Chunk chunk -> send(out, payloadChunk(chunk.bytes()));
                    case StreamedInvocation.Finished finished -> {
                        Invoker.Result result = finished.result();
                        if (result.functionError().isEmpty() && result.payload().length > 0) {
                            send(out, payloadChunk(result.payload())); // a function that answered in one piece
                        }
                        send(out, complete(result));
                        return;
                    }
                    case StreamedInvocation.Failed failed -> {
                        LOG.error("a streamed invocation failed after it began", failed.error());
                        ObjectNode o = Json.object().put("ErrorCode", "ServiceException")
                                .put("ErrorDetails", "Lamina could not complete the invocation.");
                        send(out, completeEvent(o));
                        return;
                    }
                }
                event = invocation.next();
            }
        } catch (IOException | RuntimeException e) {
            invocation.clientGone();
            throw e;
        } catch (InterruptedException e) {
            invocation.clientGone();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming");
        }
    }

    private static void send(OutputStream out, byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    static byte[] payloadChunk(byte[] bytes) {
        return EventStreamFrames.event("PayloadChunk", "application/octet-stream", bytes, 0, bytes.length);
    }

    /**
     * InvokeComplete: empty for a success without a log tail; for a function error, its type as
     * ErrorCode and its message as ErrorDetails.
     */
    static byte[] complete(Invoker.Result result) {
        ObjectNode o = Json.object();
        if (result.functionError().isPresent()) {
            JsonNode error = errorDocument(result.payload());
            String errorType = error.path("errorType").asText("");
            o.put("ErrorCode", errorType.isEmpty() ? result.functionError().get() : errorType);
            o.put("ErrorDetails", error.has("errorMessage") ? error.path("errorMessage").asText()
                    : new String(result.payload(), StandardCharsets.UTF_8));
        }
        result.logTail().ifPresent(t -> o.put("LogResult", t));
        return completeEvent(o);
    }

    private static byte[] completeEvent(ObjectNode o) {
        byte[] json = Json.bytes(o);
        return EventStreamFrames.event("InvokeComplete", "application/json", json, 0, json.length);
    }

    private static JsonNode errorDocument(byte[] payload) {
        try {
            return Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            return Json.object();
        }
    }

    /** As Invoke's: Base64 of a JSON object, at most 3,583 bytes once decoded. */
    private static Optional<String> clientContext(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.get());
            if (decoded.length > Invoke.MAX_CLIENT_CONTEXT) {
                throw LambdaException.invalidParameter("Client context must be smaller than "
                        + Invoke.MAX_CLIENT_CONTEXT + " bytes once decoded.");
            }
            String json = new String(decoded, StandardCharsets.UTF_8);
            if (!Json.MAPPER.readTree(json).isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return Optional.of(json);
        } catch (IllegalArgumentException | IOException e) {
            throw LambdaException.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
        }
    }
}
