package dev.lamina.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a caller names it in the FunctionName parameter: a bare name, {@code name:qualifier},
 * a partial ARN ({@code 123456789012:function:name}) or a full ARN, each optionally qualified.
 * Parsing checks that an ARN names this server's region and account.
 */
public record FunctionRef(FunctionName name, Optional<Qualifier> qualifier) {
    // The Lambda model's FunctionName pattern, with groups for the parts Lamina checks.
    private static final Pattern PATTERN = Pattern.compile(
            "(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?"
                    + "(?<region>[a-z]{2}(?:(?:-gov)|(?:-iso(?:[a-z]?)))?-[a-z]+-\\d{1}:)?"
                    + "(?<account>\\d{12}:)?"
                    + "(?:function:)?"
                    + "(?<name>[a-zA-Z0-9_-]+)"
                    + "(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9_-]+))?");

    public FunctionRef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(qualifier);
    }

    public static FunctionRef of(FunctionName name) {
        return new FunctionRef(name, Optional.empty());
    }

    /**
     * Parses the FunctionName parameter.
     *
     * @throws LambdaException ValidationException when the text does not match the model's pattern,
     *                         or when an ARN names another region or account
     */
    public static FunctionRef parse(String text, Region region, AccountId account) {
        Matcher m = text == null ? null : PATTERN.matcher(text);
        if (m == null || !m.matches() || m.group("name").length() > FunctionName.MAX_LENGTH) {
            throw invalidName(text);
        }
        String arnRegion = m.group("region");
        if (arnRegion != null && !arnRegion.equals(region + ":")) {
            throw LambdaException.notFound("Functions from '" + arnRegion.substring(0, arnRegion.length() - 1)
                    + "' are not reachable in this region ('" + region + "')");
        }
        String arnAccount = m.group("account");
        if (arnAccount != null && !arnAccount.equals(account + ":")) {
            throw new LambdaException(ErrorCode.ACCESS_DENIED, "User: arn:aws:iam::" + account
                    + ":root is not authorized to perform this action on resource: " + text
                    + " (Lamina serves account " + account + " only)");
        }
        Optional<Qualifier> qualifier = Optional.empty();
        if (m.group("qualifier") != null) {
            try {
                qualifier = Optional.of(Qualifier.parse(m.group("qualifier")));
            } catch (IllegalArgumentException e) {
                throw invalidName(text);
            }
        }
        return new FunctionRef(new FunctionName(m.group("name")), qualifier);
    }

    private static LambdaException invalidName(String text) {
        return new LambdaException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + text
                + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
                + "([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
    }

    /**
     * Combines the qualifier of the name with a separate Qualifier parameter; when both are given
     * they must agree, as on AWS.
     */
    public Optional<Qualifier> qualifierWith(Optional<Qualifier> parameter) {
        if (qualifier.isPresent() && parameter.isPresent() && !qualifier.equals(parameter)) {
            throw LambdaException.invalidParameter(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return qualifier.or(() -> parameter);
    }

    /** Refuses a qualified name where the operation acts on the function as a whole. */
    public FunctionRef requireUnqualified() {
        if (qualifier.isPresent()) {
            throw LambdaException.invalidParameter("Unsupported qualifier " + qualifier.get().value()
                    + " for this operation; name the unqualified function.");
        }
        return this;
    }
}
