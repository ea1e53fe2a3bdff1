package dev.lamina.server.auth;

/**
 * Who a verified request comes from.
 *
 * @param accessKeyId  the key the request was signed with
 * @param principalArn {@code arn:aws:iam::<account>:root}, {@code arn:aws:iam::<account>:user/<name>}, or
 *                     {@code arn:aws:sts::<account>:assumed-role/<role>/<session>} for a function's role
 * @param kind         which of those three it is; the root is allowed everything
 * @param principalId  the principal's id as AWS gives it to services (SQS's SenderId, {@code aws:userid}):
 *                     the account id for the root, the user's id ({@code AIDA…}) for a user,
 *                     {@code <role id>:<session name>} for a role session
 */
public record Caller(String accessKeyId, String principalArn, Kind kind, String principalId) {
    public enum Kind { ROOT, USER, ROLE_SESSION }

    /** A caller whose principal id is derived from its ARN and key (tests, and the root). */
    public Caller(String accessKeyId, String principalArn, Kind kind) {
        this(accessKeyId, principalArn, kind, derivedId(accessKeyId, principalArn, kind));
    }

    /**
     * The root's account id (the ARN's fifth field); for others, whose ids are not in their ARN, the
     * access key id (with the session's name for a role session).
     */
    private static String derivedId(String accessKeyId, String principalArn, Kind kind) {
        String[] parts = principalArn.split(":", 6);
        return switch (kind) {
            case ROOT -> parts.length == 6 ? parts[4] : accessKeyId;
            case USER -> accessKeyId;
            case ROLE_SESSION -> accessKeyId + ":" + principalArn.substring(principalArn.lastIndexOf('/') + 1);
        };
    }
}
