package dev.lamina.model;

/**
 * The deployment lifecycle of one function version: the state machine behind AWS's State and
 * LastUpdateStatus fields. A version is prepared (its package validated and unpacked) in the
 * background after CreateFunction, UpdateFunctionCode and UpdateFunctionConfiguration; while
 * that runs, further updates are refused with ResourceConflictException, as on AWS.
 *
 * <pre>
 *                create                 prepared
 *   (new) ----------------> CREATING ------------------> ACTIVE <-------+
 *                             |  ^                      |                | prepared
 *              failed         |  | update               | update         |
 *                             v  |                      v                |
 *                         CREATE_FAILED             UPDATING -----------+
 *                                                     |   ^
 *                                              failed |   | update
 *                                                     v   |
 *                                                  UPDATE_FAILED
 * </pre>
 *
 * Published versions are created ACTIVE from an ACTIVE $LATEST and never change state.
 */
public enum DeploymentState {
    /** After CreateFunction, until the package is unpacked. State Pending, update InProgress. */
    CREATING("Pending", "InProgress"),
    /** Ready to be invoked; the last update succeeded. */
    ACTIVE("Active", "Successful"),
    /** An update is being applied; invocations still use the previous settings until it ends. */
    UPDATING("Active", "InProgress"),
    /** The last update failed; the version keeps its previous code. */
    UPDATE_FAILED("Active", "Failed"),
    /** Creation failed; the function cannot be invoked until an update succeeds. */
    CREATE_FAILED("Failed", "Failed");

    /**
     * The reason AWS reports while a preparation runs: the same words for creation and for updates
     * (the latter as LastUpdateStatusReason only).
     */
    public static final String IN_PROGRESS_REASON = "The function is being created.";
    public static final String IN_PROGRESS_REASON_CODE = "Creating";

    /** What happens to a version. */
    public enum Event {
        /** UpdateFunctionCode or UpdateFunctionConfiguration was accepted. */
        UPDATE_REQUESTED,
        /** Background preparation finished. */
        PREPARED,
        /** Background preparation failed; the reason is recorded beside the state. */
        PREPARATION_FAILED
    }

    /** An event that the current state does not accept. */
    public static final class IllegalTransitionException extends RuntimeException {
        private final DeploymentState from;
        private final Event event;

        IllegalTransitionException(DeploymentState from, Event event) {
            super("no transition from " + from + " on " + event);
            this.from = from;
            this.event = event;
        }

        public DeploymentState from() {
            return from;
        }

        public Event event() {
            return event;
        }
    }

    private final String state;
    private final String lastUpdateStatus;

    DeploymentState(String state, String lastUpdateStatus) {
        this.state = state;
        this.lastUpdateStatus = lastUpdateStatus;
    }

    /** The single transition function of this lifecycle. */
    public DeploymentState on(Event event) {
        DeploymentState next = switch (this) {
            case CREATING -> switch (event) {
                case PREPARED -> ACTIVE;
                case PREPARATION_FAILED -> CREATE_FAILED;
                case UPDATE_REQUESTED -> null;
            };
            case UPDATING -> switch (event) {
                case PREPARED -> ACTIVE;
                case PREPARATION_FAILED -> UPDATE_FAILED;
                case UPDATE_REQUESTED -> null;
            };
            case ACTIVE, UPDATE_FAILED -> event == Event.UPDATE_REQUESTED ? UPDATING : null;
            case CREATE_FAILED -> event == Event.UPDATE_REQUESTED ? CREATING : null;
        };
        if (next == null) {
            throw new IllegalTransitionException(this, event);
        }
        return next;
    }

    /** Whether background preparation is outstanding, so updates must wait. */
    public boolean inProgress() {
        return this == CREATING || this == UPDATING;
    }

    /** Whether the version has code that can run. */
    public boolean invocable() {
        return this == ACTIVE || this == UPDATING || this == UPDATE_FAILED;
    }

    /** AWS's State field. */
    public String wireState() {
        return state;
    }

    /** AWS's LastUpdateStatus field. */
    public String wireLastUpdateStatus() {
        return lastUpdateStatus;
    }

    /** Whether AWS reports StateReason "The function is being created." (only while Pending). */
    public boolean reportsStateReason() {
        return this == CREATING;
    }
}
