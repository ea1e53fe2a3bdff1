package dev.lamina.server.auth;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;

import java.time.Instant;

/**
 * AWS's answers to requests whose SigV4 signature does not hold, with AWS's own message texts where
 * they are known (the service front ends of Lambda, API Gateway and friends share them). Messages
 * never repeat the signature or anything derived from a secret.
 */
final class SigV4Errors {
    private SigV4Errors() {
    }

    static LambdaException missingToken() {
        return new LambdaException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    static LambdaException unrecognizedClient() {
        return new LambdaException(ErrorCode.UNRECOGNIZED_CLIENT,
                "The security token included in the request is invalid.");
    }

    static LambdaException expiredToken() {
        return new LambdaException(ErrorCode.EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    static LambdaException mismatch() {
        return invalid("The request signature we calculated does not match the signature you provided. Check your AWS"
                + " Secret Access Key and signing method. Consult the service documentation for details.");
    }

    static LambdaException invalid(String message) {
        return new LambdaException(ErrorCode.INVALID_SIGNATURE, message);
    }

    static LambdaException incomplete(String message) {
        return new LambdaException(ErrorCode.INCOMPLETE_SIGNATURE, message);
    }

    static LambdaException expired(Instant signed, Instant limit, Instant now, String window) {
        return invalid("Signature expired: " + SigV4Time.format(signed) + " is now earlier than "
                + SigV4Time.format(limit) + " (" + SigV4Time.format(now) + " - " + window + ".)");
    }

    static LambdaException notYetCurrent(Instant signed, Instant limit, Instant now) {
        return invalid("Signature not yet current: " + SigV4Time.format(signed) + " is still later than "
                + SigV4Time.format(limit) + " (" + SigV4Time.format(now) + " + 5 min.)");
    }
}
