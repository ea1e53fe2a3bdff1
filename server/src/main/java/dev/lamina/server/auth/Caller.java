package dev.lamina.server.auth;

/**
 * Who a verified request comes from.
 *
 * @param accessKeyId  the key the request was signed with
 * @param principalArn {@code arn:aws:iam::<account>:root}, {@code arn:aws:iam::<account>:user/<name>}, or
 *                     {@code arn:aws:sts::<account>:assumed-role/<role>/<session>} for a function's role
 * @param kind         which of those three it is; the root is allowed everything
 */
public record Caller(String accessKeyId, String principalArn, Kind kind) {
    public enum Kind { ROOT, USER, ROLE_SESSION }
}
