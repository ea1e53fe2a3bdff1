package dev.lamina.invoke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Lamina's one extension of the Runtime API, for stem cells: a booted runtime that has loaded no
 * function asks {@code GET /2018-06-01/runtime/lamina/assignment} which function it becomes, and
 * waits for the answer: the handler and the complete environment, which replaces its own.
 *
 * <p>The request must carry the cell's token ({@code Lamina-Cell-Token}), which only the cell's own
 * process was given, and an assignment is handed out once: the function's variables reach that
 * process and nobody else.
 */
final class CellAssignment {
    /** What the cell becomes. */
    record Assignment(String handler, Map<String, String> environment) {
        Assignment {
            environment = Map.copyOf(environment);
        }

        /** The environment's names only: it holds the function's secrets. */
        @Override
        public String toString() {
            return "Assignment[handler=" + handler + ", environment=" + environment.keySet() + " (values hidden)]";
        }
    }

    /** A cell's request, parked until the cell is assigned; called once, outside the lock. */
    interface Waiter {
        void deliver(Assignment assignment);

        /** The cell is being stopped unassigned. */
        void closed();
    }

    private final byte[] token;
    private Assignment assignment;
    private Waiter waiting;
    private boolean handedOut;
    private boolean asked;
    private boolean closed;

    CellAssignment(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The assignment at once, or else {@code waiter} is kept and called with it later. */
    Optional<Assignment> await(String presentedToken, Waiter waiter) throws RuntimeChannel.RuntimeApiException {
        if (presentedToken == null || !MessageDigest.isEqual(token, presentedToken.getBytes(StandardCharsets.UTF_8))) {
            throw new RuntimeChannel.RuntimeApiException(403, "AccessDeniedException", "Not this environment's token");
        }
        boolean wasClosed;
        Waiter replaced;
        synchronized (this) {
            if (handedOut) {
                throw new RuntimeChannel.RuntimeApiException(403, "InvalidStateTransition",
                        "This environment has already been given its assignment");
            }
            if (assignment != null) {
                handedOut = true;
                return Optional.of(assignment);
            }
            asked = true;
            // A cell that asks again (after a lost connection) is answered on its new request.
            replaced = waiting;
            wasClosed = closed;
            waiting = closed ? null : waiter;
        }
        if (replaced != null) {
            replaced.closed();
        }
        if (wasClosed) {
            waiter.closed();
        }
        return Optional.empty();
    }

    /** Whether the cell's runtime has ever asked for its assignment: it booted. */
    synchronized boolean asked() {
        return asked;
    }

    /** Whether the cell has been given a function. */
    synchronized boolean assigned() {
        return assignment != null;
    }

    /** Whether the cell's runtime is waiting for its assignment now. */
    synchronized boolean waiting() {
        return waiting != null;
    }

    /** Assigns the cell; a waiting request is answered on this thread. */
    void assign(Assignment value) {
        Waiter waiter;
        synchronized (this) {
            if (assignment != null) {
                throw new IllegalStateException("a cell is assigned once");
            }
            assignment = value;
            waiter = waiting;
            waiting = null;
            handedOut = waiter != null;
        }
        if (waiter != null) {
            waiter.deliver(value);
        }
    }

    void close() {
        Waiter waiter;
        synchronized (this) {
            closed = true;
            waiter = waiting;
            waiting = null;
        }
        if (waiter != null) {
            waiter.closed();
        }
    }
}
