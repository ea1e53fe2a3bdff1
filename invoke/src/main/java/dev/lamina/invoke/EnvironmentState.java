package dev.lamina.invoke;

/**
 * The lifecycle of one execution environment, in one place.
 *
 * <pre>
 *  INITIALIZING --ready--> IDLE --invoke--> INVOKING --responded--> IDLE
 *       |                   |                  |
 *       | init error,       | exited           | timeout, exited
 *       | timeout, exited   v                  v
 *       +--------------> FAILED <--------------+
 *
 *  INITIALIZING, IDLE, INVOKING --stop--> STOPPING --exited--> STOPPED
 * </pre>
 *
 * An environment serves one function version for its whole life; FAILED and STOPPED are final.
 */
enum EnvironmentState {
    /** The runtime is starting and running its init code, until its first call to /next. */
    INITIALIZING,
    /** The runtime waits in /next; the environment can take an invocation. */
    IDLE,
    /** An invocation has been handed to the runtime and has not been answered yet. */
    INVOKING,
    /** SHUTDOWN: the runtime was sent SIGTERM and will be killed if it outstays its grace. */
    STOPPING,
    /** Ended as asked. */
    STOPPED,
    /** Ended by an error: init error, crash, timeout. Never reused. */
    FAILED;

    enum Event {
        /** The runtime asked for its first (or next) invocation. */
        READY,
        /** An invocation was handed over. */
        INVOKE,
        /** The runtime answered the invocation, with a response or an error. */
        RESPONDED,
        /** The runtime reported that its init failed. */
        INIT_ERROR,
        /** Init or the invocation ran out of time. */
        TIMEOUT,
        /** The runtime's process tree ended. */
        EXITED,
        /** Lamina no longer needs the environment. */
        STOP
    }

    /** An event the current state does not accept. */
    static final class IllegalTransitionException extends IllegalStateException {
        IllegalTransitionException(EnvironmentState from, Event event) {
            super("environment cannot go from " + from + " on " + event);
        }
    }

    /** The single transition function of this lifecycle. */
    EnvironmentState on(Event event) {
        EnvironmentState next = switch (this) {
            case INITIALIZING -> switch (event) {
                case READY -> IDLE;
                case INIT_ERROR, TIMEOUT, EXITED -> FAILED;
                case STOP -> STOPPING;
                case INVOKE, RESPONDED -> null;
            };
            case IDLE -> switch (event) {
                case INVOKE -> INVOKING;
                case READY -> IDLE; // the runtime re-polled /next after an interrupted call
                case EXITED -> FAILED;
                case STOP -> STOPPING;
                case RESPONDED, INIT_ERROR, TIMEOUT -> null;
            };
            case INVOKING -> switch (event) {
                case RESPONDED -> IDLE;
                case TIMEOUT, EXITED -> FAILED;
                case STOP -> STOPPING;
                case READY, INVOKE, INIT_ERROR -> null;
            };
            case STOPPING -> switch (event) {
                case EXITED -> STOPPED;
                case STOP -> STOPPING;
                case READY, INVOKE, RESPONDED, INIT_ERROR, TIMEOUT -> null;
            };
            case STOPPED -> event == Event.STOP || event == Event.EXITED ? STOPPED : null;
            case FAILED -> event == Event.STOP || event == Event.EXITED ? FAILED : null;
        };
        if (next == null) {
            throw new IllegalTransitionException(this, event);
        }
        return next;
    }

    boolean isFinal() {
        return this == STOPPED || this == FAILED;
    }
}
