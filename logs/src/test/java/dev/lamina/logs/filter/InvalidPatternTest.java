package dev.lamina.logs.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Patterns CloudWatch Logs refuses, and what Lamina says about each (AWS's wording where it is known). */
class InvalidPatternTest {
    @ParameterizedTest(name = "{0}  ->  {1}")
    @MethodSource("refused")
    void isRefusedWithAClearMessage(String pattern, String message) {
        assertThatThrownBy(() -> FilterPattern.parse(pattern))
                .isInstanceOf(InvalidFilterPatternException.class)
                .hasMessageStartingWith("Invalid filter pattern: ")
                .hasMessageContaining(message);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // Terms: anything but letters, digits and _ needs quotes.
                row("email@someemail.com", "Invalid character(s) in term 'email@someemail.com'"),
                row("ERROR /var/log", "Invalid character(s) in term '/var/log'"),
                row("\"\"", "Invalid character(s) in term '\"\"'"),
                row("ERROR \"unclosed", "has no closing '\"'"),
                row("ERROR ?", "has no term after it"),
                row("-", "has no term after it"),
                // Shape.
                row("{ $.level = \"ERROR\"", "If a filter pattern starts with '{' it must end with '}'"),
                row("[ip, user", "If a filter pattern starts with '[' it must end with ']'"),
                row("{ $.a = 1 } x", "If a filter pattern starts with '{' it must end with '}'"),
                row("{ $.a = 1 } }", "expected the end of the pattern"),
                // JSON.
                row("{ $.level \"ERROR\" }", "expected an operator (=, !=, <, >, <=, >=) at position 10 but found 'ERROR'"),
                row("{ }", "has no condition"),
                row("{ $.a = 1 && }", "expected a selector"),
                row("{ level = 1 }", "expected a selector"),
                row("{ $a = 1 }", "the selector $a is not valid"),
                row("{ $.a[x] = 1 }", "the selector $.a[x] is not valid"),
                row("{ $.a[ = 1 }", "has no closing ']'"),
                row("{ $.x IS NOT NULL }", "IS NOT is not supported"),
                row("{ $.x EXISTS }", "EXISTS is not supported"),
                row("{ $.x NOT THERE }", "expected EXISTS after NOT"),
                row("{ $.x > abc }", "the operator > at position 6 needs a number"),
                row("{ $.x >= \"5\" }", "needs a number"),
                row("{ $.x < %5% }", "needs a number"),
                row("{ $.x = }", "expected a value after '='"),
                row("{ $.a & $.b }", "a single '&'"),
                row("{ $.a ! 1 }", "not followed by '='"),
                row("{ $.a = 1 | $.b = 2 }", "a single '|'"),
                row("{ ($.a = 1 }", "expected ')'"),
                row("{ $.a = x@y }", "Invalid character(s) in term 'x@y'"),
                row("{ $.a[*].b[*] = 1 }", "uses more than one wildcard"),
                row("{ $.* = 1 || $.* = 2 || $.* = 3 || $.* = 4 }", "at most 3 wildcard selectors"),
                row("{ $.a = %a% || $.b = %b% || $.c = %c% }", "at most 2 regexes"),
                // Space-delimited.
                row("[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]",
                        "names the field bytes"),
                row("[a b]", "expected an operator (=, !=, <, >, <=, >=) at position 3 but found 'b'"),
                row("[a.b]", "the field name 'a.b'"),
                row("[a = %1% || a = %2% || a = %3%]", "at most 2 regexes"),
                row("[$.a = 1]", "expected a field name"),
                // Regexes: only AWS's subset.
                row("%something!%", "Invalid character(s) in regex '%something!%'"),
                row("%(abc)%", "parentheses are not supported"),
                row("%\\(%", "parentheses are not supported"),
                row("%%", "is empty"),
                row("%abc", "has no closing '%'"),
                row("%abc% ERROR", "a regex stands alone"),
                row("%a**%", "a quantifier cannot follow another quantifier"),
                row("%*a%", "'*' has nothing to repeat"),
                row("%^*%", "an anchor cannot be repeated"),
                row("%a{2,1}%", "repeats at most fewer times"),
                row("%a{x}%", "is not a repetition"),
                row("%a{1001}%", "at most 1000 times"),
                row("%a{3%", "unbalanced '{'"),
                row("%a]%", "unbalanced ']'"),
                row("%[abc%", "unbalanced '['"),
                row("%[z-a]%", "is not a range"),
                row("%[]%", "is empty"),
                row("%\\q%", "the escape \\q is not supported"),
                row("%\\1%", "the escape \\1 is not supported"),
                row("%\\x4%", "\\x needs two hexadecimal digits"),
                row("%caf\u00e9%", "Invalid character(s) in regex"),
                row("%a{1000}b{1000}%", "too complex"));
    }

    @Test
    void aPatternLongerThanAwsAllowsIsRefused() {
        String pattern = "A".repeat(1025);
        assertThatThrownBy(() -> FilterPattern.parse(pattern))
                .isInstanceOf(InvalidFilterPatternException.class)
                .hasMessageContaining("length less than or equal to 1024")
                .hasMessageNotContaining("AAAA");
        assertThat(FilterPattern.parse("A".repeat(1024)).matches("A".repeat(1024))).isTrue();
    }

    @Test
    void deepParenthesesAreRefusedNotAStackOverflow() {
        String deep = "{ " + "(".repeat(500) + "$.a = 1" + ")".repeat(500) + " }";
        assertThatThrownBy(() -> FilterPattern.parse(deep))
                .isInstanceOf(InvalidFilterPatternException.class)
                .hasMessageContaining("nest more than 32 deep");
        String allowed = "{ " + "(".repeat(32) + "$.a = 1" + ")".repeat(32) + " }";
        assertThat(FilterPattern.parse(allowed).matches("{\"a\":1}")).isTrue();
    }

    private static Arguments row(String pattern, String message) {
        return Arguments.of(pattern, message);
    }
}
