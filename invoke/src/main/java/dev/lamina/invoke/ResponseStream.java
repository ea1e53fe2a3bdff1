package dev.lamina.invoke;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One streamed response on its way from the Runtime API (the thread reading the runtime's chunked
 * POST, the producer) to the invoking thread (the consumer, which passes it to a
 * {@link ResponseSink} or buffers it). At most {@link #MAX_QUEUED_BYTES} wait here: beyond that the
 * producer waits, so a slow client slows the runtime's writes instead of filling memory. The first
 * terminal piece ends the stream; anything offered after it is refused. Once the consumer has
 * {@link #close closed} it, offers never wait and are refused.
 */
final class ResponseStream {
    /** How much may wait between the runtime and the sink before the runtime's writes wait. */
    static final int MAX_QUEUED_BYTES = 1 << 20;

    /** What the consumer takes, in order. */
    sealed interface Piece {
        /** Whether the stream ends with this piece. */
        default boolean terminal() {
            return true;
        }
    }

    /** The next bytes of the body, as the runtime sent them. */
    record Data(byte[] bytes) implements Piece {
        @Override
        public boolean terminal() {
            return false;
        }
    }

    /** The body ended; with the runtime's error (its trailers, or an /error posted meanwhile), if any. */
    record End(java.util.Optional<RuntimeAnswer.Error> error) implements Piece {
    }

    /** The body grew past {@code limit}; the rest was refused. */
    record TooLarge(long limit) implements Piece {
    }

    /** The connection broke before the body ended (the runtime died or gave up). */
    record Broken() implements Piece {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final ArrayDeque<Piece> queue = new ArrayDeque<>();
    private final String contentType;
    private long queuedBytes;
    private boolean ended;
    private boolean closed;

    /** @param contentType the runtime's Content-Type for the stream */
    ResponseStream(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /**
     * Adds a piece; waits while too much is queued. Returns false when the piece was refused: the
     * stream had already ended, or the consumer has gone.
     */
    boolean offer(Piece piece) throws InterruptedException {
        lock.lock();
        try {
            if (piece instanceof Data data) {
                while (queuedBytes >= MAX_QUEUED_BYTES && !closed && !ended) {
                    writable.await();
                }
                if (closed || ended) {
                    return false;
                }
                queuedBytes += data.bytes().length;
            } else {
                if (ended || closed) {
                    return false;
                }
                ended = true;
            }
            queue.add(piece);
            readable.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next piece, or null when none came within {@code nanos}. */
    Piece poll(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = readable.awaitNanos(nanos);
            }
            Piece piece = queue.poll();
            if (piece instanceof Data data) {
                queuedBytes -= data.bytes().length;
                writable.signal();
            }
            return piece;
        } finally {
            lock.unlock();
        }
    }

    /** The consumer has gone: the producer never waits again, and what it offers is dropped. */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queuedBytes = 0;
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
