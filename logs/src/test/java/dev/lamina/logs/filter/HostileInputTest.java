package dev.lamina.logs.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patterns and messages built to make a naive matcher backtrack, recurse or blow up. The timeout only
 * guards against a hang (a linear matcher needs milliseconds); nothing here measures speed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HostileInputTest {
    private static final String A_LOT_OF_A = "a".repeat(200_000);

    @Test
    void nestedStarsDoNotBacktrack() {
        assertThat(FilterPattern.parse("%a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b%").matches(A_LOT_OF_A)).isFalse();
        assertThat(FilterPattern.parse("%^a*a*a*a*a*a*a*a*a*a*a*a*$%").matches(A_LOT_OF_A + "!")).isFalse();
        assertThat(FilterPattern.parse("%a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b%").matches(A_LOT_OF_A + "b")).isTrue();
    }

    @Test
    void largeRepetitionsStayWithinTheProgramBound() {
        Regex regex = RegexParser.parse("[a-z]{1,300}x{0,150}");
        assertThat(regex.size()).isLessThanOrEqualTo(RegexParser.MAX_PROGRAM);
        assertThat(new RegexPattern(regex).matches(A_LOT_OF_A)).isTrue();
    }

    @Test
    void aTermThatAlmostMatchesEverywhereIsFoundInLinearTime() {
        String term = "a".repeat(1000) + "b";
        assertThat(FilterPattern.parse(term).matches(A_LOT_OF_A)).isFalse();
        assertThat(FilterPattern.parse(term).matches(A_LOT_OF_A + "b")).isTrue();
        assertThat(FilterPattern.parse("{ $.m = \"*" + term + "*\" }").matches("{\"m\":\"" + A_LOT_OF_A + "\"}")).isFalse();
    }

    @Test
    void deeplyNestedJsonMessagesSimplyDoNotMatch() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThat(FilterPattern.parse("{ $.a NOT EXISTS }").matches(deep)).isFalse();
        assertThat(FilterPattern.parse("{ $.a.a.a = 1 }").matches("{\"a\":{\"a\":{\"a\":1}}}")).isTrue();
    }

    @Test
    void hugeNumbersInMessagesAreHandled() {
        String huge = "{\"n\":" + "9".repeat(5000) + "}";
        assertThat(FilterPattern.parse("{ $.n > 1 }").matches(huge)).isFalse();
        assertThat(FilterPattern.parse("{ $.n > 1 }").matches("{\"n\":1e308}")).isTrue();
        assertThat(FilterPattern.parse("[x, n > 1]").matches("x " + "9".repeat(5000))).isFalse();
    }

    @Test
    void manyFieldsAndEllipsesCostFieldsTimesPatternFields() {
        String line = "f ".repeat(100_000) + "end";
        String almost = "[..., " + "f = f, ".repeat(20) + "g = g, ..., x = end]";
        assertThat(FilterPattern.parse(almost).matches(line)).isFalse();
        assertThat(FilterPattern.parse("[..., f = f, f = f, ..., x = end]").matches(line)).isTrue();
    }

    @Test
    void unbalancedSyntaxOfMaximumLengthIsRefused() {
        for (String unit : new String[] {"(", "{", "[", "\"", "%", "$.", "&&", "[[", "\\"}) {
            String pattern = unit.repeat(1024 / unit.length());
            try {
                FilterPattern.parse(pattern).matches("x");
            } catch (InvalidFilterPatternException expected) {
                assertThat(expected).hasMessageStartingWith("Invalid filter pattern");
            }
        }
    }
}
