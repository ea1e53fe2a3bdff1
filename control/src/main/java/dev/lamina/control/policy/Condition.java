package dev.lamina.control.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One key of a statement's Condition block, such as {@code "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::b"}}.
 * Several values of one key are alternatives (any may match); the statement applies only when every
 * condition holds.
 *
 * <p>As in IAM: a positive operator on a key the request does not carry is false, a negated one
 * ({@code StringNotEquals}, {@code ArnNotLike} …) is true, and the {@code …IfExists} forms are true.
 */
record Condition(String operator, boolean ifExists, String key, List<String> values) {
    static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "ArnEquals", "ArnNotEquals", "ArnLike",
            "ArnNotLike", "Bool");

    Condition {
        values = List.copyOf(values);
    }

    boolean holds(AccessRequest request) {
        Optional<String> actual = request.value(key);
        boolean negated = operator.contains("Not");
        if (actual.isEmpty()) {
            return ifExists || negated;
        }
        boolean any = values.stream().anyMatch(v -> matches(v, actual.get()));
        return negated != any;
    }

    private boolean matches(String want, String have) {
        return switch (operator) {
            case "StringEquals", "StringNotEquals" -> want.equals(have);
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> want.equalsIgnoreCase(have);
            case "StringLike", "StringNotLike" -> Wildcards.matches(want, have);
            case "ArnEquals", "ArnNotEquals" -> want.equals(have);
            case "ArnLike", "ArnNotLike" -> Wildcards.arnMatches(want, have);
            case "Bool" -> want.toLowerCase(Locale.ROOT).equals(have.toLowerCase(Locale.ROOT));
            default -> throw new IllegalStateException("unknown operator " + operator);
        };
    }
}
