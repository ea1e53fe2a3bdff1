package dev.lamina.logs.filter;

/**
 * A CloudWatch Logs filter pattern (FilterLogEvents' filterPattern, `aws logs tail --filter-pattern`),
 * parsed once and matched against many log event messages. Immutable and safe to share between threads.
 */
public interface FilterPattern {
    /** The empty pattern: matches every event. */
    FilterPattern ALL = message -> true;

    /** Whether the event with this message matches. */
    boolean matches(String message);

    /**
     * Parses a pattern; blank text is {@link #ALL}.
     *
     * @throws InvalidFilterPatternException when the text is not a pattern CloudWatch Logs accepts
     */
    static FilterPattern parse(String text) {
        return FilterPatternParser.parse(text);
    }
}
