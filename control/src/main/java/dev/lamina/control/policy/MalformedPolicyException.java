package dev.lamina.control.policy;

/**
 * A policy document that is not valid JSON or not a valid IAM policy. The message says what is
 * wrong in the words of IAM's MalformedPolicyDocument errors, without echoing the whole document.
 */
public final class MalformedPolicyException extends RuntimeException {
    public MalformedPolicyException(String message) {
        super(message);
    }
}
