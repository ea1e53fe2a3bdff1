package dev.lamina.server.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lamina.events.AsyncInvocations;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.TraceHeader;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Invoke: {@code POST /2015-03-31/functions/{FunctionName}/invocations}. RequestResponse runs the
 * function and answers with its result (200 even when the function fails, with
 * X-Amz-Function-Error); Event stores the event durably and answers 202; DryRun only checks the
 * function can be invoked (204).
 */
record Invoke(LambdaApi api, Invoker invoker, AsyncInvocations async) implements Operation {
    /** Lambda's synchronous payload limit, for requests and responses. */
    static final int MAX_PAYLOAD = 6 * 1024 * 1024;
    /** AWS's limit on the decoded X-Amz-Client-Context document. */
    static final int MAX_CLIENT_CONTEXT = 3583;

    static LambdaException tooLarge() {
        return new LambdaException(ErrorCode.REQUEST_TOO_LARGE,
                "Request must be smaller than " + MAX_PAYLOAD + " bytes for the InvokeFunction operation");
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionRef ref = api.functionRef(request);
        var qualifier = api.qualifier(request);
        String type = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
        String logType = request.header("X-Amz-Log-Type").orElse("None");
        Violations v = new Violations();
        v.oneOf("invocationType", type, java.util.List.of("Event", "RequestResponse", "DryRun"));
        v.oneOf("logType", logType, java.util.List.of("None", "Tail"));
        v.throwIfAny();
        byte[] payload = payload(request);
        Optional<String> clientContext = clientContext(request.header("X-Amz-Client-Context"));
        switch (type) {
            case "DryRun" -> {
                api.control().functions().get(ref, qualifier);
                return ApiResponse.empty(204);
            }
            case "Event" -> {
                return accept(api, invoker, async, request, ref, qualifier, payload, ApiResponse.empty(202));
            }
            default -> {
                return run(ref, qualifier, payload, clientContext, logType.equals("Tail"), request);
            }
        }
    }

    private ApiResponse run(FunctionRef ref, Optional<dev.lamina.model.Qualifier> qualifier, byte[] payload,
                            Optional<String> clientContext, boolean tail, ApiRequest request) {
        Invoker.Result result;
        try {
            result = invoker.invoke(new Invoker.Request(request.requestId().value(), ref, qualifier, payload,
                    clientContext, tail, callerTrace(request)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LambdaException(ErrorCode.SERVICE, "The invocation was interrupted.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Executed-Version", result.executedVersion());
        result.functionError().ifPresent(e -> headers.put("X-Amz-Function-Error", e));
        result.logTail().ifPresent(t -> headers.put("X-Amz-Log-Result", t));
        byte[] body = result.payload();
        headers.put("Content-Length", Integer.toString(body.length));
        return new ApiResponse(200, headers, out -> out.write(body));
    }

    /**
     * An asynchronous invocation: checked (size, function, qualifier), stored durably, and only then
     * acknowledged with {@code accepted}; the event runs later, with this request's id.
     */
    static ApiResponse accept(LambdaApi api, Invoker invoker, AsyncInvocations async, ApiRequest request,
                              FunctionRef ref, Optional<dev.lamina.model.Qualifier> qualifier, byte[] payload,
                              ApiResponse accepted) {
        if (payload.length > async.maxPayloadBytes()) {
            throw new LambdaException(ErrorCode.REQUEST_TOO_LARGE, "Request must be smaller than "
                    + async.maxPayloadBytes() + " bytes for the InvokeFunction operation");
        }
        invoker.check(ref, qualifier);
        try {
            async.accept(request.requestId().value(), ref, qualifier, payload, callerTrace(request)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new LambdaException(ErrorCode.SERVICE, "Lamina could not store the event; it was not accepted.",
                    e.getCause());
        }
        return accepted;
    }

    /**
     * The caller's trace context: its X-Amzn-Trace-Id, else its W3C traceparent. One that does not
     * parse is ignored, as if it had not been sent: a broken header never fails an invocation.
     */
    static Optional<TraceHeader> callerTrace(ApiRequest request) {
        Optional<TraceHeader> xray = request.header("X-Amzn-Trace-Id").flatMap(TraceHeader::parse);
        return xray.isPresent() ? xray : request.header("traceparent").flatMap(TraceHeader::fromTraceparent);
    }

    /** The decoded X-Amz-Client-Context: Base64 of a JSON object, at most 3,583 bytes once decoded. */
    static Optional<String> clientContext(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.get());
            if (decoded.length > MAX_CLIENT_CONTEXT) {
                throw LambdaException.invalidParameter("Client context must be smaller than " + MAX_CLIENT_CONTEXT
                        + " bytes once decoded.");
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

    /** Payloads may nest deeper than API documents; the streaming check uses no stack per level. */
    private static final com.fasterxml.jackson.core.JsonFactory PAYLOAD = com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(100_000).maxStringLength(MAX_PAYLOAD).build())
            .build();

    /** The event: the body, {@code {}} when it is empty, and JSON, or refused as Lambda refuses it. */
    static byte[] payload(ApiRequest request) throws IOException {
        byte[] payload = request.body().readAllBytes();
        if (payload.length == 0) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        checkJson(payload);
        return payload;
    }

    /** The payload must be JSON; Lambda refuses anything else before running the function. */
    private static void checkJson(byte[] payload) throws IOException {
        try (var parser = PAYLOAD.createParser(payload)) {
            while (parser.nextToken() != null) {
                // walk the whole document: trailing garbage is an error too
            }
        } catch (JsonProcessingException e) {
            throw new LambdaException(ErrorCode.INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: Could not parse payload into json: "
                            + Json.describe(e));
        }
    }
}
