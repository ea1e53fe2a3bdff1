package dev.lamina.logs.filter;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automaton against java.util.regex as an oracle: on the subset CloudWatch supports, written the
 * way both read alike, every seeded random regex must find exactly where Java's finds. Only this test
 * hands patterns to java.util.regex, with messages short enough that backtracking stays cheap.
 */
class RegexOracleTest {
    private static final String[] ATOMS = {
        "a", "b", "-", "_", ":", " ", ".", "[ab]", "[^a]", "[a-c]", "[-a]", "[\\]a]", "\\d", "\\D", "\\w", "\\W",
        "\\s", "\\S", "\\x61", "\\.", "\\[", "\\*", "[\\d_]"};
    private static final String[] QUANTIFIERS = {"", "", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}"};
    private static final String MESSAGE_ALPHABET = "ab-_:1. [*\n]";

    @Test
    void findsExactlyWhereJavaRegexFinds() {
        long seed = Long.getLong("lamina.fuzz.seed", 11L);
        int iterations = Integer.getInteger("lamina.fuzz.iterations", 5_000);
        Random random = new Random(seed);
        for (int i = 0; i < iterations; i++) {
            String body = regex(random);
            Regex ours = RegexParser.parse(body);
            Pattern oracle = Pattern.compile(body);
            for (int m = 0; m < 20; m++) {
                String message = message(random);
                assertThat(ours.find(message))
                        .as("seed %d: %%%s%% on '%s'", seed, body, message.replace("\n", "\\n"))
                        .isEqualTo(oracle.matcher(message).find());
            }
        }
    }

    private static String regex(Random random) {
        StringBuilder body = new StringBuilder();
        for (int alternatives = 1 + random.nextInt(3); alternatives > 0; alternatives--) {
            if (random.nextInt(4) == 0) {
                body.append('^');
            }
            for (int pieces = 1 + random.nextInt(4); pieces > 0; pieces--) {
                body.append(ATOMS[random.nextInt(ATOMS.length)]).append(QUANTIFIERS[random.nextInt(QUANTIFIERS.length)]);
            }
            if (random.nextInt(4) == 0) {
                body.append('$');
            }
            if (alternatives > 1) {
                body.append('|');
            }
        }
        return body.toString();
    }

    private static String message(Random random) {
        StringBuilder text = new StringBuilder();
        for (int length = random.nextInt(12); length > 0; length--) {
            text.append(MESSAGE_ALPHABET.charAt(random.nextInt(MESSAGE_ALPHABET.length())));
        }
        return text.toString();
    }
}
