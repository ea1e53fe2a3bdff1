package dev.lamina.invoke;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The invoking thread's side of a streamed response: takes each piece from the
 * {@link ResponseStream} as it arrives and passes it to the caller's {@link ResponseSink}, or, for a
 * caller that wants the whole payload (a plain Invoke of a function that streams, as Lambda does
 * it), collects it up to the buffered limit. Runs until the stream ends or the invocation's deadline.
 */
final class StreamReceiver {

    /** How the stream ended for the caller. */
    sealed interface Received {
        /** @param buffered the whole body when collecting, else null (it went to the sink) */
        record Done(byte[] buffered, long bytes) implements Received {
        }

        /** The runtime reported an error after streaming began. */
        record Failed(RuntimeAnswer.Error error, long bytes) implements Received {
        }

        /** The body grew past {@code limit}: Lambda's streaming limit, or the buffered one when collecting. */
        record TooLarge(long limit, long bytes) implements Received {
        }

        record TimedOut(long bytes) implements Received {
        }

        /** The runtime's connection broke mid-stream. */
        record Broken(long bytes) implements Received {
        }
    }

    private StreamReceiver() {
    }

    /**
     * @param sink          where the body goes; null to collect it (up to {@code bufferLimit})
     * @param deadlineNanos the invocation's deadline, in {@link System#nanoTime()}
     */
    static Received receive(ResponseStream stream, ResponseSink sink, long deadlineNanos, long bufferLimit)
            throws InterruptedException {
        ByteArrayOutputStream buffer = sink == null ? new ByteArrayOutputStream() : null;
        boolean overflowed = false;
        long bytes = 0;
        ResponseSink target = sink;
        try {
            if (target != null) {
                target = started(target, stream.contentType());
            }
            for (;;) {
                ResponseStream.Piece piece = stream.poll(deadlineNanos - System.nanoTime());
                switch (piece) {
                    case null -> {
                        return new Received.TimedOut(bytes);
                    }
                    case ResponseStream.Data data -> {
                        int n = data.bytes().length;
                        bytes += n;
                        if (buffer != null && !overflowed) {
                            // Past the buffered limit the rest is still read, so that the runtime
                            // finishes its response and the environment stays usable.
                            overflowed = buffer.size() + (long) n > bufferLimit;
                            if (!overflowed) {
                                buffer.write(data.bytes(), 0, n);
                            }
                        } else if (target != null) {
                            target = forward(target, data.bytes());
                        }
                    }
                    case ResponseStream.End end -> {
                        if (end.error().isPresent()) {
                            return new Received.Failed(end.error().get(), bytes);
                        }
                        if (overflowed) {
                            return new Received.TooLarge(bufferLimit, bytes);
                        }
                        return new Received.Done(buffer == null ? null : buffer.toByteArray(), bytes);
                    }
                    case ResponseStream.TooLarge tooLarge -> {
                        return new Received.TooLarge(overflowed ? bufferLimit : tooLarge.limit(), bytes);
                    }
                    case ResponseStream.Broken broken -> {
                        return new Received.Broken(bytes);
                    }
                }
            }
        } finally {
            stream.close();
        }
    }

    /** The sink, or null once it failed: the client went away, and the rest is only read. */
    private static ResponseSink started(ResponseSink sink, String contentType) {
        try {
            sink.started(contentType);
            return sink;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ResponseSink forward(ResponseSink sink, byte[] bytes) {
        try {
            sink.chunk(bytes, 0, bytes.length);
            return sink;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
