package dev.lamina.logs.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random patterns (grammar fragments, mutated documented patterns, random regexes, random
 * characters) against random messages (JSON, delimited lines, noise). The parser may only accept a
 * pattern or throw {@link InvalidFilterPatternException}; an accepted pattern must match every message
 * without throwing. A short run by default; a long one with
 * {@code -Dlamina.fuzz.iterations=1000000} (and {@code -Dlamina.fuzz.seed=...} to reproduce a failure).
 */
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class FilterPatternFuzzTest {
    private static final String[] FRAGMENTS = {
        "{", "}", "[", "]", "(", ")", ",", " ", " ", " ", "&&", "||", "=", "!=", "<", ">", "<=", ">=", "!", "&", "|",
        "$.a", "$.b[0]", "$.*", "$.a[*]", "$.['x.y']", "$.a.b", "$", "$.", "$[", "\"str\"", "\"a b*\"", "\"*\"", "\"",
        "%a.b*%", "%[a-c]+$%", "%^x|y%", "%", "%\\d{1,3}%", "...", "IS", "NULL", "TRUE", "FALSE", "NOT", "EXISTS",
        "ERROR", "WARN", "-", "?", "42", "-1.5e3", "4*", "*", "x", "w1", "\\", "'", "\u00e9", "\t", "\n"};
    private static final String[] SEEDS = {
        "{ $.eventType = \"UpdateTrail\" }", "{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }",
        "[ip, user, username, timestamp, request =*.html*, status_code = 4*, bytes]", "[..., status_code = 404 || status_code = 410, bytes]",
        "?ERROR ?WARN", "ERROR -Exiting \"Connection refused\"", "%^starting|^initializing|^shutting down%",
        "{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }", "{ $.SomeObject IS NULL || $.x NOT EXISTS }", "[w1!=ERROR && w1!=WARNING, w2]"};
    private static final String REGEX_ALPHABET = "ab01 :_#=@/;,-^$?[]{}|\\*+.dDsSwWx";

    @Test
    void theParserOnlyEverRefusesAndMatchingAlwaysEnds() {
        long seed = Long.getLong("lamina.fuzz.seed", 7L);
        int iterations = Integer.getInteger("lamina.fuzz.iterations", 5_000);
        Random random = new Random(seed);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            String pattern = pattern(random);
            FilterPattern parsed;
            try {
                parsed = FilterPattern.parse(pattern);
            } catch (InvalidFilterPatternException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                refused++;
                continue;
            } catch (RuntimeException | StackOverflowError unexpected) {
                throw new AssertionError("seed " + seed + ", iteration " + i + ": parse threw on " + quote(pattern), unexpected);
            }
            accepted++;
            for (int m = 0; m < 4; m++) {
                String message = message(random);
                try {
                    parsed.matches(message);
                } catch (RuntimeException | StackOverflowError unexpected) {
                    throw new AssertionError("seed " + seed + ", iteration " + i + ": " + quote(pattern)
                            + " threw on message " + quote(message), unexpected);
                }
            }
        }
        if (accepted == 0 || refused == 0) {
            fail("the generator should produce both valid and invalid patterns: " + accepted + " accepted, " + refused + " refused");
        }
    }

    private static String pattern(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> fragments(random, 1 + random.nextInt(15));
            case 1 -> "{ " + fragments(random, 1 + random.nextInt(12)) + " }";
            case 2 -> "[" + fragments(random, 1 + random.nextInt(12)) + "]";
            case 3 -> "%" + chars(random, REGEX_ALPHABET, 1 + random.nextInt(20)) + "%";
            default -> mutate(random, SEEDS[random.nextInt(SEEDS.length)]);
        };
    }

    private static String fragments(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return text.toString();
    }

    private static String mutate(Random random, String seed) {
        StringBuilder text = new StringBuilder(seed);
        for (int edits = 1 + random.nextInt(3); edits > 0 && !text.isEmpty(); edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return text.toString();
    }

    private static String message(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> json(random, 0);
            case 1 -> {
                List<String> fields = new ArrayList<>();
                for (int i = random.nextInt(10); i >= 0; i--) {
                    fields.add(switch (random.nextInt(4)) {
                        case 0 -> "\"" + chars(random, "ab 1", 4) + "\"";
                        case 1 -> "[" + chars(random, "ab 1:/", 5) + "]";
                        case 2 -> String.valueOf(random.nextInt(1000));
                        default -> chars(random, "abcERROR.-*", 1 + random.nextInt(6));
                    });
                }
                yield String.join(random.nextBoolean() ? " " : "\t", fields) + (random.nextBoolean() ? "\n" : "");
            }
            case 2 -> chars(random, "ab{}[]\"%$\\ \n\u00e9", random.nextInt(40));
            default -> "a".repeat(random.nextInt(2000)) + (random.nextBoolean() ? "b" : "");
        };
    }

    private static String json(Random random, int depth) {
        if (depth > 3 || random.nextInt(4) == 0) {
            return switch (random.nextInt(6)) {
                case 0 -> String.valueOf(random.nextInt(100) - 50);
                case 1 -> "\"" + chars(random, "ab1.* ", 4) + "\"";
                case 2 -> random.nextBoolean() ? "true" : "false";
                case 3 -> "null";
                case 4 -> "[" + json(random, depth + 1) + "," + json(random, depth + 1) + "]";
                default -> "1e" + random.nextInt(400);
            };
        }
        StringBuilder object = new StringBuilder("{");
        for (int i = random.nextInt(4); i >= 0; i--) {
            object.append('"').append(new String[] {"a", "b", "x.y", "tags"}[random.nextInt(4)]).append("\":")
                    .append(json(random, depth + 1)).append(i > 0 ? "," : "");
        }
        return object.append(random.nextInt(20) == 0 ? "" : "}").toString();
    }

    private static String chars(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String quote(String text) {
        return "'" + text.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
