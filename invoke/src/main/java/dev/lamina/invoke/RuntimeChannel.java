package dev.lamina.invoke;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The meeting point of one environment's runtime (calling the Runtime API) and Lamina (handing over
 * invocations). The runtime's /next waits here, without a thread, until an invocation is handed
 * over; its response or error completes that invocation's answer. Enforces the Runtime API's rules:
 * an answer only for the invocation in flight, once; an init error only before the first /next.
 */
final class RuntimeChannel {

    /** A refused Runtime API call, with the status and error type the Runtime API answers. */
    static final class RuntimeApiException extends Exception {
        private final int status;
        private final String errorType;

        RuntimeApiException(int status, String errorType, String message) {
            super(message);
            this.status = status;
            this.errorType = errorType;
        }

        int status() {
            return status;
        }

        String errorType() {
            return errorType;
        }
    }

    /** The runtime's init failed: Lambda-Runtime-Function-Error-Type and the posted body. */
    record InitError(String errorType, byte[] payload) {
    }

    /**
     * A runtime's GET /next, parked until there is an invocation for it. Called at most once, by
     * the thread that hands the invocation over or closes the channel, and outside the channel's lock.
     */
    interface Waiter {
        void deliver(Invocation invocation);

        /** The environment is going away; there will be no invocation. */
        void closed();
    }

    private final Optional<CellAssignment> cell;
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<Optional<InitError>> init = new CompletableFuture<>();
    private Invocation pending;          // handed over, not yet taken by /next
    private Waiter waiting;              // a /next that found nothing pending
    private Invocation inFlight;         // taken by /next, not yet answered
    private ResponseStream streaming;    // the in-flight invocation's streamed response, while it lasts
    private String refusedAsTooLarge;    // the last invocation whose response was refused for its size
    private CompletableFuture<RuntimeAnswer> answer;
    private boolean closed;
    private Runnable freeze = () -> { };
    private Runnable thaw = () -> { };
    private boolean freezingStopped;

    /** The channel of an ordinary environment. */
    RuntimeChannel() {
        this(Optional.empty());
    }

    /** @param cell present for a stem cell, which asks for its assignment before its init */
    RuntimeChannel(Optional<CellAssignment> cell) {
        this.cell = cell;
    }

    /** A stem cell's assignment; empty for an environment that started as itself. */
    Optional<CellAssignment> cell() {
        return cell;
    }

    /**
     * From now on, {@code freeze} runs whenever the runtime parks in /next with nothing to do, and
     * {@code thaw} before an invocation is handed over: the runtime and whatever it left running are
     * stopped exactly while the environment is idle, as Lambda freezes an environment after /next.
     * Both run under the channel's lock, so a hand-over can never be followed by a late freeze.
     */
    void freezeWhileParked(Runnable freeze, Runnable thaw) {
        lock.lock();
        try {
            if (!freezingStopped) {
                this.freeze = freeze;
                this.thaw = thaw;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * From now on, and for good, parking in /next freezes nothing and a hand-over thaws nothing.
     * Called before an environment is stopped: a runtime that polls /next again after its thaw and
     * SIGTERM must not freeze itself again, or its SIGTERM handler would never run. Under the lock,
     * so no freeze that began before this call can still be running after it.
     */
    void stopFreezing() {
        lock.lock();
        try {
            freezingStopped = true;
            freeze = () -> { };
            thaw = () -> { };
        } finally {
            lock.unlock();
        }
    }

    /** Completes with empty when the runtime is ready, or with its init error. */
    CompletableFuture<Optional<InitError>> init() {
        return init;
    }

    /**
     * GET /next: the invocation handed over already, or else {@code waiter} is kept and called when
     * one is (or when the channel closes). The first /next ends init.
     */
    Optional<Invocation> next(Waiter waiter) throws RuntimeApiException {
        Waiter replaced;
        boolean wasClosed;
        lock.lock();
        try {
            if (inFlight != null) {
                // The previous invocation is still unanswered: Lambda refuses to move on.
                throw new RuntimeApiException(403, "InvalidStateTransition", "State transition from Running to Ready "
                        + "failed for runtime. Error: the invocation " + inFlight.requestId() + " has not been answered");
            }
            init.complete(Optional.empty()); // the first /next ends init; later ones change nothing
            wasClosed = closed;
            if (!closed && pending != null) {
                inFlight = pending;
                pending = null;
                return Optional.of(inFlight);
            }
            replaced = waiting; // a runtime that polls again (after a lost connection) is served on the new request
            waiting = closed ? null : waiter;
            if (!closed) {
                freeze.run();
            }
        } finally {
            lock.unlock();
        }
        if (replaced != null) {
            replaced.closed();
        }
        if (wasClosed) {
            waiter.closed();
        }
        return Optional.empty();
    }

    /**
     * Hands an invocation to the runtime; the future completes with the runtime's answer. A /next
     * that is waiting gets the invocation on this thread.
     */
    CompletableFuture<RuntimeAnswer> handOver(Invocation invocation) {
        Waiter waiter;
        CompletableFuture<RuntimeAnswer> result;
        lock.lock();
        try {
            if (closed || pending != null || inFlight != null) {
                throw new IllegalStateException("the environment is not idle");
            }
            thaw.run();
            answer = new CompletableFuture<>();
            result = answer;
            waiter = waiting;
            waiting = null;
            if (waiter == null) {
                pending = invocation;
            } else {
                inFlight = invocation;
            }
        } finally {
            lock.unlock();
        }
        if (waiter != null) {
            waiter.deliver(invocation);
        }
        return result;
    }

    /**
     * Takes back {@code invocation} if no /next has taken it yet (the runtime died on its way back to
     * /next, as Node.js does after reporting an uncaught exception).
     *
     * @return whether it was still waiting, so the runtime never saw it
     */
    boolean withdraw(Invocation invocation) {
        lock.lock();
        try {
            if (pending != invocation) {
                return false;
            }
            pending = null;
            answer = null;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** POST /{id}/response or /{id}/error. */
    void answer(String requestId, RuntimeAnswer runtimeAnswer) throws RuntimeApiException {
        CompletableFuture<RuntimeAnswer> toComplete;
        lock.lock();
        try {
            if (runtimeAnswer instanceof RuntimeAnswer.Error && requestId.equals(refusedAsTooLarge)) {
                // A runtime told its response was too large may report that as an error (the Java
                // runtime interface client does, and exits when refused): taken, and changes nothing.
                refusedAsTooLarge = null;
                return;
            }
            if (inFlight == null || !inFlight.requestId().equals(requestId)) {
                throw new RuntimeApiException(400, "InvalidRequestID", "Invalid request ID");
            }
            if (streaming != null) {
                if (!(runtimeAnswer instanceof RuntimeAnswer.Error error)) {
                    throw new RuntimeApiException(403, "InvalidStateTransition", "State transition from "
                            + "Streaming to Response failed for runtime. Error: the response is being streamed");
                }
                // An error posted while streaming (Node.js's uncaught exception handler does) ends the
                // stream with that error; whatever the stream's request does later changes nothing.
                ResponseStream stream = streaming;
                streaming = null;
                inFlight = null;
                offerQuietly(stream, new ResponseStream.End(java.util.Optional.of(error)));
                return;
            }
            refusedAsTooLarge = runtimeAnswer instanceof RuntimeAnswer.TooLarge ? requestId : null;
            inFlight = null;
            toComplete = answer;
            answer = null;
        } finally {
            lock.unlock();
        }
        toComplete.complete(runtimeAnswer);
    }

    /**
     * A streamed POST /{id}/response began: the invocation's answer is {@code stream}, which the
     * Runtime API fills as the body arrives. The invocation stays in flight until {@link #endStream}.
     */
    void beginStream(String requestId, ResponseStream stream) throws RuntimeApiException {
        CompletableFuture<RuntimeAnswer> toComplete;
        lock.lock();
        try {
            if (inFlight == null || !inFlight.requestId().equals(requestId) || streaming != null) {
                throw new RuntimeApiException(400, "InvalidRequestID", "Invalid request ID");
            }
            streaming = stream;
            toComplete = answer;
            answer = null;
        } finally {
            lock.unlock();
        }
        toComplete.complete(new RuntimeAnswer.Streaming(stream));
    }

    /**
     * The streamed body of {@code stream} ended with {@code last} (its end, or its refusal for its
     * size): the invocation is answered, and the runtime may ask for the next one. Called before the
     * consumer sees {@code last}, so the environment is idle by the time it is given back.
     *
     * @return false when the stream had already ended otherwise (an /error posted meanwhile)
     */
    boolean endStream(ResponseStream stream, ResponseStream.Piece last) throws InterruptedException {
        lock.lock();
        try {
            if (streaming != stream) {
                return false;
            }
            streaming = null;
            refusedAsTooLarge = last instanceof ResponseStream.TooLarge ? inFlight.requestId() : null;
            inFlight = null;
        } finally {
            lock.unlock();
        }
        stream.offer(last);
        return true;
    }

    private static void offerQuietly(ResponseStream stream, ResponseStream.Piece piece) {
        try {
            stream.offer(piece); // a terminal piece never waits
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** POST /runtime/init/error. */
    void initError(InitError error) throws RuntimeApiException {
        lock.lock();
        try {
            if (init.isDone()) {
                throw new RuntimeApiException(403, "InvalidStateTransition",
                        "State transition from Ready to InitError failed for runtime. Error: init has already completed");
            }
        } finally {
            lock.unlock();
        }
        init.complete(Optional.of(error));
    }

    /** Ends every wait: a waiting /next is told, and an unanswered invocation never gets its answer here. */
    void close() {
        Waiter waiter;
        lock.lock();
        try {
            closed = true;
            waiter = waiting;
            waiting = null;
        } finally {
            lock.unlock();
        }
        if (waiter != null) {
            waiter.closed();
        }
        cell.ifPresent(CellAssignment::close);
    }
}
