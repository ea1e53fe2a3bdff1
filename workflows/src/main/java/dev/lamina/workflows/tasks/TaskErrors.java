package dev.lamina.workflows.tasks;

import dev.lamina.model.ServiceException;
import dev.lamina.workflows.data.StatesError;

import java.util.UUID;

/**
 * How a service's error reaches a Task state, as Step Functions words it. The optimized integrations
 * (lambda:invoke, sqs:sendMessage, states:startExecution) report what AWS's Java SDK v1 said: the error
 * is {@code <Service>.<exception class>} and the cause the exception's text, {@code "<message> (Service:
 * AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: …; Proxy: null)"}. The aws-sdk
 * integrations report SDK v2's: {@code Sfn.InvalidTokenException}, {@code "<message> (Service: Sfn,
 * Status Code: 400, Request ID: …) (SDK Attempt Count: 1)"}.
 */
final class TaskErrors {
    private TaskErrors() {
    }

    /**
     * An SDK v1 style failure.
     *
     * @param prefix      the error's service part ({@code Lambda}, {@code SQS}, {@code StepFunctions})
     * @param exception   the exception class ({@code ResourceNotFoundException}, {@code AmazonSQSException})
     * @param serviceName the SDK's service name in the cause ({@code AWSLambda}, {@code AmazonSQS})
     * @param code        the wire error code
     */
    static StatesError v1(String prefix, String exception, String serviceName, int status, String code, String message) {
        return new StatesError(prefix + "." + exception, message + " (Service: " + serviceName + "; Status Code: "
                + status + "; Error Code: " + code + "; Request ID: " + UUID.randomUUID() + "; Proxy: null)");
    }

    /**
     * An SDK v2 style failure of an aws-sdk integration.
     *
     * @param service the SDK v2 client's service name ({@code Sfn}, {@code Sqs}, {@code EventBridge}, {@code Lambda})
     * @param code    the error's code in the service's model ({@code InvalidToken})
     * @param modeled whether the model has an error shape for it (else the service's base exception is named)
     */
    static StatesError v2(String service, String code, boolean modeled, int status, String message) {
        String exception = modeled ? (code.endsWith("Exception") ? code : code + "Exception") : service + "Exception";
        return new StatesError(service + "." + exception, message + " (Service: " + service + ", Status Code: "
                + status + ", Request ID: " + UUID.randomUUID() + ") (SDK Attempt Count: 1)");
    }

    /** {@link #v2} of a hosted service's error. */
    static StatesError v2(String service, ServiceException e, boolean modeled) {
        return v2(service, e.code(), modeled, e.status(), e.getMessage());
    }
}
