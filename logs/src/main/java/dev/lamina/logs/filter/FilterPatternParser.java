package dev.lamina.logs.filter;

import dev.lamina.logs.filter.Token.Kind;

/**
 * Parses CloudWatch Logs filter patterns. The first character chooses the kind: {@code {} a JSON
 * pattern, {@code [} a space-delimited pattern, {@code %} a regex, anything else terms for
 * unstructured events. Parsing does all the validation, so a pattern that parses matches every
 * message without throwing, in time bounded by the message's length (see each kind).
 */
final class FilterPatternParser {
    /** FilterLogEvents' filterPattern: "Length Constraints: Minimum length of 0. Maximum length of 1024." */
    static final int MAX_LENGTH = 1024;
    /** AWS: "a limit of 2 regex for each filter pattern when creating a delimited or JSON filter pattern". */
    static final int MAX_REGEXES = 2;

    private FilterPatternParser() {
    }

    static FilterPattern parse(String text) {
        if (text == null || text.isBlank()) {
            return FilterPattern.ALL;
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidFilterPatternException("1 validation error detected: Value at 'filterPattern' failed to "
                    + "satisfy constraint: Member must have length less than or equal to " + MAX_LENGTH);
        }
        String pattern = text.strip();
        char first = pattern.charAt(0);
        char last = pattern.charAt(pattern.length() - 1);
        if (first == '{') {
            if (last != '}') {
                throw invalid("If a filter pattern starts with '{' it must end with '}'");
            }
            return JsonPatternParser.parse(pattern);
        }
        if (first == '[') {
            if (last != ']') {
                throw invalid("If a filter pattern starts with '[' it must end with ']'");
            }
            return DelimitedPatternParser.parse(pattern);
        }
        if (first == '%') {
            Tokens tokens = Lexer.lex(pattern);
            Regex regex = RegexParser.parse(tokens.expect(Kind.REGEX, "a regex").text());
            tokens.expect(Kind.END, "the end of the pattern after the regex (a regex stands alone)");
            return new RegexPattern(regex);
        }
        return TermPatternParser.parse(pattern);
    }

    static void checkRegexQuota(Tokens tokens) {
        if (tokens.all(Kind.REGEX).size() > MAX_REGEXES) {
            throw invalid("a filter pattern may use at most " + MAX_REGEXES + " regexes");
        }
    }

    /** The exception for an invalid pattern, worded as CloudWatch Logs words it: "Invalid filter pattern: …". */
    static InvalidFilterPatternException invalid(String detail) {
        return new InvalidFilterPatternException("Invalid filter pattern: " + detail);
    }
}
