package dev.lamina.eventbridge;

import dev.lamina.model.ServiceException;

import java.util.Optional;

/**
 * EventBridge's and Scheduler's errors, with AWS's codes and statuses. Both answer 400 for a
 * caller's mistake, but Scheduler answers 404 for a missing resource and 409 for a conflict
 * (its model says so), where EventBridge answers 400.
 */
public final class EventBridgeErrors {
    private EventBridgeErrors() {
    }

    public static ServiceException validation(String message) {
        return ServiceException.client("ValidationException", message);
    }

    /** EventBridge's: {@code Rule r does not exist on EventBus default.}, {@code Event bus b does not exist.} */
    public static ServiceException notFound(String message) {
        return ServiceException.client("ResourceNotFoundException", message);
    }

    public static ServiceException alreadyExists(String message) {
        return ServiceException.client("ResourceAlreadyExistsException", message);
    }

    public static ServiceException invalidPattern(String message) {
        return ServiceException.client("InvalidEventPatternException", message);
    }

    public static ServiceException limitExceeded(String message) {
        return ServiceException.client("LimitExceededException", message);
    }

    public static ServiceException concurrentModification(String message) {
        return ServiceException.client("ConcurrentModificationException", message);
    }

    /** Scheduler's missing resource: 404. */
    public static ServiceException schedulerNotFound(String message) {
        return new ServiceException("ResourceNotFoundException", Optional.empty(), 404, true, message);
    }

    /** Scheduler's conflict (a name in use, a group being deleted): 409. */
    public static ServiceException schedulerConflict(String message) {
        return new ServiceException("ConflictException", Optional.empty(), 409, true, message);
    }

    public static ServiceException internal(String message) {
        return new ServiceException("InternalException", Optional.empty(), 500, false, message);
    }
}
