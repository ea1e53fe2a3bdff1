package dev.lamina.eventbridge.delivery;

/**
 * A delivery attempt that failed, with the error code EventBridge's dead-letter messages carry
 * ({@code ERROR_CODE}: NO_PERMISSIONS, NO_RESOURCE, INVALID_PARAMETER, THROTTLING, INTERNAL_ERROR, …).
 *
 * @param retryable false for failures that fail again until someone acts (a missing permission, a
 *                  target that does not exist): AWS sends those to the dead-letter queue at once
 */
final class TargetFailure extends Exception {
    private final String code;
    private final boolean retryable;

    TargetFailure(String code, String message, boolean retryable) {
        super(message, null, false, false);
        this.code = code;
        this.retryable = retryable;
    }

    static TargetFailure permanent(String code, String message) {
        return new TargetFailure(code, message, false);
    }

    static TargetFailure transientFailure(String code, String message) {
        return new TargetFailure(code, message, true);
    }

    String code() {
        return code;
    }

    boolean retryable() {
        return retryable;
    }
}
