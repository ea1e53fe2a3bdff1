package dev.lamina.logs;

/** A log group or stream that must exist does not, or one that must not exist does. */
public final class LogResourceException extends RuntimeException {
    /** Which of those it is; the Logs API answers ResourceNotFoundException or ResourceAlreadyExistsException. */
    public enum Kind { NOT_FOUND, ALREADY_EXISTS }

    private final Kind kind;

    LogResourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static LogResourceException noGroup() {
        return new LogResourceException(Kind.NOT_FOUND, "The specified log group does not exist.");
    }

    static LogResourceException noStream() {
        return new LogResourceException(Kind.NOT_FOUND, "The specified log stream does not exist.");
    }
}
