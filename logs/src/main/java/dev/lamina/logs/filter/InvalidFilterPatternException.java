package dev.lamina.logs.filter;

/** The filter pattern cannot be parsed; the Logs API answers InvalidParameterException with this message. */
public final class InvalidFilterPatternException extends IllegalArgumentException {
    public InvalidFilterPatternException(String message) {
        super(message);
    }
}
