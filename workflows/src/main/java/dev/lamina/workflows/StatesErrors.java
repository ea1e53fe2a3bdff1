package dev.lamina.workflows;

import dev.lamina.model.ServiceException;

/**
 * Step Functions' API errors: every one is a 400 with the model's error name, except the service's
 * own failure. Messages follow AWS's where AWS's are known (see the conformance cases).
 */
public final class StatesErrors {
    private StatesErrors() {
    }

    public static ServiceException of(String code, String message) {
        return ServiceException.client(code, message);
    }

    public static ServiceException invalidArn(String message) {
        return of("InvalidArn", message);
    }

    public static ServiceException invalidDefinition(String message) {
        return of("InvalidDefinition", message);
    }

    public static ServiceException invalidName(String message) {
        return of("InvalidName", message);
    }

    public static ServiceException invalidExecutionInput(String message) {
        return of("InvalidExecutionInput", message);
    }

    public static ServiceException invalidToken(String message) {
        return of("InvalidToken", message);
    }

    public static ServiceException validation(String message) {
        return of("ValidationException", message);
    }

    public static ServiceException stateMachineDoesNotExist(String arn) {
        return of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    public static ServiceException executionDoesNotExist(String arn) {
        return of("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }

    public static ServiceException executionAlreadyExists(String arn) {
        return of("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }

    public static ServiceException taskDoesNotExist(String message) {
        return of("TaskDoesNotExist", message);
    }

    public static ServiceException taskTimedOut(String message) {
        return of("TaskTimedOut", message);
    }

    public static ServiceException resourceNotFound(String message) {
        return of("ResourceNotFound", message);
    }

    public static ServiceException conflict(String message) {
        return of("ConflictException", message);
    }

    public static ServiceException stateMachineTypeNotSupported(String message) {
        return of("StateMachineTypeNotSupported", message);
    }

    public static ServiceException internal(String message) {
        return new ServiceException("InternalServerError", java.util.Optional.empty(), 500, false, message);
    }
}
