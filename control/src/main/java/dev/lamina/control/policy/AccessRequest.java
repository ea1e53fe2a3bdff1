package dev.lamina.control.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a policy is asked about: one action on one resource, by a principal (an IAM ARN, or an AWS
 * service for service-to-function calls), with the request's condition keys.
 *
 * @param roleArn the role whose session the principal is (its
 *                {@code arn:aws:iam::<account>:role/<path/>name}), for a role session: a resource
 *                policy naming the role applies to all its sessions, as on AWS
 * @param context condition keys and their values; keys are case-insensitive, as in IAM, and are
 *                stored lower-cased
 */
public record AccessRequest(String action, String resource, Optional<String> principalArn, Optional<String> roleArn,
                            Optional<String> principalService, Map<String, String> context) {
    public AccessRequest {
        context = context.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }

    /** A request by an IAM principal with no condition keys beyond the ones given. */
    public static AccessRequest of(String action, String resource, String principalArn, Map<String, String> context) {
        return new AccessRequest(action, resource, Optional.of(principalArn), Optional.empty(), Optional.empty(),
                context);
    }

    /** A request by a session ({@code arn:aws:sts::<account>:assumed-role/…}) of the role {@code roleArn}. */
    public static AccessRequest ofSession(String action, String resource, String sessionArn, String roleArn,
                                          Map<String, String> context) {
        return new AccessRequest(action, resource, Optional.of(sessionArn), Optional.of(roleArn), Optional.empty(),
                context);
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(context.get(key.toLowerCase(Locale.ROOT)));
    }
}
