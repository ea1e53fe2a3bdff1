package dev.lamina.control.iam;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;

/** IAM's errors, worded as IAM words them. */
final class IamErrors {
    private IamErrors() {
    }

    static LambdaException noSuchUser(String name) {
        return new LambdaException(ErrorCode.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found.");
    }

    static LambdaException noSuchRole(String name) {
        return new LambdaException(ErrorCode.NO_SUCH_ENTITY, "The role with name " + name + " cannot be found.");
    }

    static LambdaException exists(String kind, String name) {
        return new LambdaException(ErrorCode.ENTITY_ALREADY_EXISTS, kind + " with name " + name + " already exists.");
    }

    static LambdaException malformed(String message) {
        return new LambdaException(ErrorCode.MALFORMED_POLICY_DOCUMENT, message);
    }

    static LambdaException invalidName(String member, String value, int max) {
        return new LambdaException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + value
                + "' at '" + member + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " [\\w+=,.@-]+ and have length between 1 and " + max);
    }
}
