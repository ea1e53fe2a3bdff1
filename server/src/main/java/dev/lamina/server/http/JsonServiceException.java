package dev.lamina.server.http;

/**
 * An error of a JSON-protocol service (CloudWatch Logs, later EventBridge, Step Functions, …), sent
 * as {@code {"__type": code, "message": …}} with the status the service's model gives it: 400 for
 * nearly every client error.
 */
public final class JsonServiceException extends RuntimeException {
    private final String code;
    private final int status;

    public JsonServiceException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** A client error (400), the kind every model error of these services is. */
    public JsonServiceException(String code, String message) {
        this(code, 400, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
