package dev.lamina.control.policy;

import java.util.List;
import java.util.Map;

/**
 * The Principal (or NotPrincipal) of a resource-based statement: {@code "*"}, or values by type
 * ({@code AWS}: account ids, account root ARNs, user and role ARNs, or {@code *}; {@code Service}:
 * service principals such as {@code s3.amazonaws.com}).
 *
 * <p>A role ARN stands for every session of that role (the request's {@code roleArn}), as on AWS;
 * a session ARN ({@code arn:aws:sts::…:assumed-role/<role>/<session>}) for that session only.
 *
 * <p>An account (its id or its root ARN) stands for the account's root only: as on AWS, a
 * same-account user is not allowed by a policy that names the account; it needs an identity policy.
 */
record Principals(boolean everyone, Map<String, List<String>> byType, boolean negated) {
    Principals {
        byType = Map.copyOf(byType);
    }

    boolean applies(AccessRequest request) {
        return matches(request) != negated;
    }

    private boolean matches(AccessRequest request) {
        if (everyone) {
            return true;
        }
        if (request.principalService().isPresent()) {
            return byType.getOrDefault("Service", List.of()).contains(request.principalService().get());
        }
        String arn = request.principalArn().orElse("");
        for (String value : byType.getOrDefault("AWS", List.of())) {
            if (value.equals("*") || value.equals(arn) || request.roleArn().filter(value::equals).isPresent()
                    || (value.matches("\\d{12}")
                    && arn.equals("arn:aws:iam::" + value + ":root"))) {
                return true;
            }
        }
        return false;
    }
}
