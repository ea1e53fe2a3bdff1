package dev.lamina.gateway.web;

/**
 * The signer of a SigV4-signed front-door request (AuthType AWS_IAM): what a function URL event's
 * {@code requestContext.authorizer.iam} carries, and the principal policies are evaluated for.
 *
 * @param callerId  the principal id (an access key's user id, or {@code AROA…:session})
 * @param userArn   the principal's ARN
 */
public record IamCaller(String accessKey, String accountId, String callerId, String userArn) {
}
