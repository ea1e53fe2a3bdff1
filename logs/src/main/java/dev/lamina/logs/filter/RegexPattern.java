package dev.lamina.logs.filter;

/** A standalone regex pattern ({@code %AUTHORIZED%}): matches the events in which the regex is found. */
record RegexPattern(Regex regex) implements FilterPattern {
    @Override
    public boolean matches(String message) {
        return message != null && regex.find(message);
    }
}
