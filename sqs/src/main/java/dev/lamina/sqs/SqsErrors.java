package dev.lamina.sqs;

import dev.lamina.model.ServiceException;

import java.util.Optional;

/**
 * SQS's errors, with the JSON protocol's code and the query protocol's code (SQS is awsQueryCompatible;
 * the query codes are those of the query-protocol model, e.g. AWS.SimpleQueueService.NonExistentQueue),
 * and AWS's wording. Public for the sqs.api package only.
 */
public final class SqsErrors {
    private SqsErrors() {
    }

    static ServiceException of(String code, String queryCode, int status, String message) {
        return new ServiceException(code, code.equals(queryCode) ? Optional.empty() : Optional.of(queryCode), status, true, message);
    }

    public static ServiceException queueDoesNotExist() {
        return of("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.");
    }

    public static ServiceException queueNameExists(String attribute) {
        return of("QueueNameExists", "QueueAlreadyExists", 400,
                "A queue already exists with the same name and a different value for attribute " + attribute);
    }

    public static ServiceException invalidParameterValue(String message) {
        return of("InvalidParameterValue", "InvalidParameterValue", 400, message);
    }

    /** AWS's wording for a parameter out of its range: "Value 11 for parameter X is invalid. Reason: …". */
    public static ServiceException invalidValue(String parameter, Object value, String reason) {
        return invalidParameterValue("Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
    }

    public static ServiceException missingParameter(String parameter) {
        return of("MissingParameter", "MissingParameter", 400, "The request must contain the parameter " + parameter + ".");
    }

    public static ServiceException invalidAttributeName(String name) {
        return of("InvalidAttributeName", "InvalidAttributeName", 400, "Unknown Attribute " + name + ".");
    }

    public static ServiceException invalidAttributeValue(String name, String reason) {
        return of("InvalidAttributeValue", "InvalidAttributeValue", 400,
                "Invalid value for the parameter " + name + "." + (reason.isEmpty() ? "" : " Reason: " + reason));
    }

    public static ServiceException receiptHandleIsInvalid(String handle) {
        return of("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400,
                "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }

    public static ServiceException messageNotInflight() {
        return of("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400, "The message referred to isn't in flight.");
    }

    public static ServiceException invalidMessageContents(String message) {
        return of("InvalidMessageContents", "InvalidMessageContents", 400, message);
    }

    public static ServiceException emptyBatch(String entryShape) {
        return of("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400,
                "There should be at least one " + entryShape + " in the request.");
    }

    public static ServiceException tooManyEntries(int sent) {
        return of("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400,
                "Maximum number of entries per request are 10. You have sent " + sent + ".");
    }

    public static ServiceException batchIdsNotDistinct(String id) {
        return of("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400, "Id " + id + " repeated.");
    }

    public static ServiceException invalidBatchEntryId() {
        return of("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400,
                "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
    }

    public static ServiceException batchTooLong(int max, long sent) {
        return of("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400,
                "Batch requests cannot be longer than " + max + " bytes. You have sent " + sent + " bytes.");
    }

    public static ServiceException overLimit(String message) {
        return of("OverLimit", "OverLimit", 403, message);
    }

    public static ServiceException resourceNotFound(String message) {
        return of("ResourceNotFoundException", "ResourceNotFoundException", 404, message);
    }

    public static ServiceException unsupportedOperation(String message) {
        return of("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400, message);
    }

    /** The platform could not make a change durable: the caller may retry (500, not the caller's fault). */
    public static ServiceException internal(String message) {
        return new ServiceException("InternalFailure", Optional.empty(), 500, false, message);
    }
}
