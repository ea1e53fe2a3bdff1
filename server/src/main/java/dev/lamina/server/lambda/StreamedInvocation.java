package dev.lamina.server.lambda;

import dev.lamina.invoke.Invoker;
import dev.lamina.invoke.ResponseSink;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One invocation for InvokeWithResponseStream, run on a virtual thread of its own so that the
 * request's thread can answer as soon as the response begins (or fail with the Lambda error when
 * it cannot begin at all), then write each piece of the stream as it comes. What the function
 * writes waits here between the two threads, at most Lambda's streaming limit; once the client has
 * gone, the sink refuses more and the function runs to its end unobserved, as on AWS.
 */
final class StreamedInvocation implements ResponseSink {

    /** What the writing thread takes, in order. */
    sealed interface Event {
    }

    /** The function began streaming. */
    record Started(String contentType) implements Event {
    }

    record Chunk(byte[] bytes) implements Event {
    }

    /** The invocation ended: streamed (an empty payload), answered in one piece, or failed as a function. */
    record Finished(Invoker.Result result) implements Event {
    }

    /** The invocation could not run, or Lamina failed: a LambdaException before streaming began is the API's error. */
    record Failed(RuntimeException error) implements Event {
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean clientGone;

    private StreamedInvocation() {
    }

    static StreamedInvocation start(Invoker invoker, Invoker.Request request) {
        StreamedInvocation invocation = new StreamedInvocation();
        Thread.ofVirtual().name("lamina-stream-" + request.requestId()).start(() -> invocation.run(invoker, request));
        return invocation;
    }

    private void run(Invoker invoker, Invoker.Request request) {
        try {
            events.add(new Finished(invoker.invokeStreaming(request, this)));
        } catch (InterruptedException e) {
            events.add(new Failed(new IllegalStateException("the invocation was interrupted", e)));
        } catch (RuntimeException e) {
            events.add(new Failed(e));
        }
    }

    @Override
    public void started(String contentType) throws IOException {
        refuseIfGone();
        events.add(new Started(contentType));
    }

    @Override
    public void chunk(byte[] data, int offset, int length) throws IOException {
        refuseIfGone();
        events.add(new Chunk(Arrays.copyOfRange(data, offset, offset + length)));
    }

    /** The next event; waits for it. */
    Event next() throws InterruptedException {
        return events.take();
    }

    /** The client went away: the function's further writes are refused, and what waits is dropped. */
    void clientGone() {
        clientGone = true;
        events.removeIf(e -> e instanceof Chunk);
    }

    private void refuseIfGone() throws IOException {
        if (clientGone) {
            throw new IOException("the client went away");
        }
    }
}
