package dev.lamina.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error with an AWS identity, thrown by any layer when the caller must see it as that AWS
 * error. The server's edge turns it into the HTTP answer; nothing below the edge formats HTTP.
 *
 * <p>{@link #members()} carries extra members of the error shape (for example
 * TooManyRequestsException's {@code Reason}); {@link #headers()} carries members the model binds
 * to headers (for example {@code Retry-After}).
 */
public class LambdaException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> members;
    private final Map<String, String> headers;

    public LambdaException(ErrorCode code, String message) {
        this(code, message, Map.of(), Map.of(), null);
    }

    public LambdaException(ErrorCode code, String message, Throwable cause) {
        this(code, message, Map.of(), Map.of(), cause);
    }

    private LambdaException(ErrorCode code, String message, Map<String, String> members,
                            Map<String, String> headers, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
        this.members = Map.copyOf(members);
        this.headers = Map.copyOf(headers);
    }

    /** A copy of this error with one more member in its body. */
    public LambdaException withMember(String name, String value) {
        var copy = new LinkedHashMap<>(members);
        copy.put(name, value);
        return new LambdaException(code, getMessage(), copy, headers, getCause());
    }

    /** A copy of this error with one more response header. */
    public LambdaException withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new LambdaException(code, getMessage(), members, copy, getCause());
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> members() {
        return members;
    }

    public Map<String, String> headers() {
        return headers;
    }

    // Convenience constructors for the errors every operation uses.

    public static LambdaException invalidParameter(String message) {
        return new LambdaException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static LambdaException notFound(String message) {
        return new LambdaException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    public static LambdaException conflict(String message) {
        return new LambdaException(ErrorCode.RESOURCE_CONFLICT, message);
    }

    public static LambdaException preconditionFailed(String message) {
        return new LambdaException(ErrorCode.PRECONDITION_FAILED, message);
    }
}
