package dev.lamina.control;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.LambdaException;

/**
 * The control plane's errors, worded as AWS words them (see docs/COMPATIBILITY.md for where the
 * wording was taken from). One place, so that every operation says the same thing the same way.
 */
final class Errors {
    private Errors() {
    }

    static LambdaException functionNotFound(FunctionArn arn) {
        return LambdaException.notFound("Function not found: " + arn);
    }

    static LambdaException aliasNotFound(FunctionArn arn) {
        return LambdaException.notFound("Cannot find alias arn: " + arn);
    }

    static LambdaException functionExists(String name) {
        return LambdaException.conflict("Function already exist: " + name);
    }

    static LambdaException aliasExists(FunctionArn arn) {
        return LambdaException.conflict("Alias already exists: " + arn);
    }

    static LambdaException updateInProgress(FunctionArn arn) {
        return LambdaException.conflict("The operation cannot be performed at this time. "
                + "An update is in progress for resource: " + arn);
    }

    static LambdaException notReady(FunctionArn arn, String state) {
        return LambdaException.conflict("The operation cannot be performed at this time. "
                + "The function " + arn + " is in state " + state + ".");
    }

    static LambdaException revisionMismatch() {
        return LambdaException.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }

    static LambdaException codeShaMismatch(String given, String current) {
        return LambdaException.invalidParameter("CodeSHA256 (" + given
                + ") is different from current CodeSHA256 in $LATEST (" + current
                + "). Please try again with the CodeSHA256 in $LATEST.");
    }

    static LambdaException codeStorageExceeded(long limit) {
        return new LambdaException(ErrorCode.CODE_STORAGE_EXCEEDED,
                "Code storage limit exceeded: the account's packages may take at most " + limit + " bytes.");
    }
}
