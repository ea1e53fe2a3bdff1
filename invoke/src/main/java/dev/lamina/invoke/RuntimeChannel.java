package dev.lamina.invoke;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The meeting point of one environment's runtime (calling the Runtime API) and Lamina (handing over
 * invocations). The runtime's /next blocks here until an invocation is handed over; its response or
 * error completes that invocation's answer. Enforces the Runtime API's rules: an answer only for the
 * invocation in flight, once; an init error only before the first /next.
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

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition handedOver = lock.newCondition();
    private final CompletableFuture<Optional<InitError>> init = new CompletableFuture<>();
    private Invocation pending;          // handed over, not yet taken by /next
    private Invocation inFlight;         // taken by /next, not yet answered
    private CompletableFuture<RuntimeAnswer> answer;
    private boolean closed;

    /** Completes with empty when the runtime is ready, or with its init error. */
    CompletableFuture<Optional<InitError>> init() {
        return init;
    }

    /**
     * GET /next: blocks until an invocation is handed over. Returns empty when the channel closes
     * (the environment is stopping), so the request can end.
     */
    Optional<Invocation> next(long maxWaitMs) throws InterruptedException, RuntimeApiException {
        lock.lock();
        try {
            if (inFlight != null) {
                // The previous invocation is still unanswered: Lambda refuses to move on.
                throw new RuntimeApiException(403, "InvalidStateTransition", "State transition from Running to Ready "
                        + "failed for runtime. Error: the invocation " + inFlight.requestId() + " has not been answered");
            }
            init.complete(Optional.empty()); // the first /next ends init; later ones change nothing
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
            while (pending == null && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                handedOver.awaitNanos(left);
            }
            if (closed) {
                return Optional.empty();
            }
            inFlight = pending;
            pending = null;
            return Optional.of(inFlight);
        } finally {
            lock.unlock();
        }
    }

    /** Hands an invocation to the runtime; the future completes with the runtime's answer. */
    CompletableFuture<RuntimeAnswer> handOver(Invocation invocation) {
        lock.lock();
        try {
            if (closed || pending != null || inFlight != null) {
                throw new IllegalStateException("the environment is not idle");
            }
            pending = invocation;
            answer = new CompletableFuture<>();
            handedOver.signalAll();
            return answer;
        } finally {
            lock.unlock();
        }
    }

    /** POST /{id}/response or /{id}/error. */
    void answer(String requestId, RuntimeAnswer runtimeAnswer) throws RuntimeApiException {
        CompletableFuture<RuntimeAnswer> toComplete;
        lock.lock();
        try {
            if (inFlight == null || !inFlight.requestId().equals(requestId)) {
                throw new RuntimeApiException(400, "InvalidRequestID", "Invalid request ID");
            }
            inFlight = null;
            toComplete = answer;
            answer = null;
        } finally {
            lock.unlock();
        }
        toComplete.complete(runtimeAnswer);
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

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Ends every wait: /next returns empty, and an unanswered invocation never gets its answer here. */
    void close() {
        lock.lock();
        try {
            closed = true;
            handedOver.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
