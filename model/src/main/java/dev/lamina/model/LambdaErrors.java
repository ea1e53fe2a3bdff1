package dev.lamina.model;

/**
 * The errors several parts of Lamina answer, worded as AWS words them (docs/COMPATIBILITY.md says
 * where each wording was checked). One place, so every operation says the same thing the same way.
 */
public final class LambdaErrors {
    private LambdaErrors() {
    }

    public static LambdaException functionNotFound(FunctionArn arn) {
        return LambdaException.notFound("Function not found: " + arn);
    }

    public static LambdaException aliasNotFound(FunctionArn arn) {
        return LambdaException.notFound("Cannot find alias arn: " + arn);
    }

    public static LambdaException functionExists(String name) {
        return LambdaException.conflict("Function already exist: " + name);
    }

    public static LambdaException aliasExists(FunctionArn arn) {
        return LambdaException.conflict("Alias already exists: " + arn);
    }

    public static LambdaException updateInProgress(FunctionArn arn) {
        return LambdaException.conflict("The operation cannot be performed at this time. "
                + "An update is in progress for resource: " + arn);
    }

    public static LambdaException notReady(FunctionArn arn, String state) {
        return LambdaException.conflict("The operation cannot be performed at this time. "
                + "The function " + arn + " is in state " + state + ".");
    }

    public static LambdaException revisionMismatch() {
        return LambdaException.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }

    public static LambdaException codeShaMismatch(String given, String current) {
        return LambdaException.invalidParameter("CodeSHA256 (" + given
                + ") is different from current CodeSHA256 in $LATEST (" + current
                + "). Please try again with the CodeSHA256 in $LATEST.");
    }

    /** Invoking a version that is not ready: Pending while it is created, Failed when that failed. */
    public static LambdaException notInvocable(FunctionArn arn, String state) {
        return LambdaException.conflict("The operation cannot be performed at this time. "
                + "The function is currently in the following state: " + state);
    }

    public static LambdaException codeStorageExceeded(long limit) {
        return new LambdaException(ErrorCode.CODE_STORAGE_EXCEEDED,
                "Code storage limit exceeded: the account's packages may take at most " + limit + " bytes.");
    }
}
