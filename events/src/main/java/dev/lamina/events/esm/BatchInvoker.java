package dev.lamina.events.esm;

/**
 * Invokes a mapping's function (its qualified ARN) synchronously with one batch, as Lambda's
 * pollers do, with the function's own concurrency limits.
 */
@FunctionalInterface
public interface BatchInvoker {

    /** What came of one invocation. */
    sealed interface Outcome {
    }

    /** The function returned; {@code payload} is its response document (for ReportBatchItemFailures). */
    record Succeeded(byte[] payload) implements Outcome {
    }

    /** The function failed (an error it threw, a timeout, a crash); {@code payload} is the error document. */
    record FunctionFailed(byte[] payload) implements Outcome {
    }

    /**
     * The function could not be invoked: throttled, not found, not ready, or Lamina failed
     * ({@code errorCode} is the AWS error code, e.g. TooManyRequestsException). Pollers retry these
     * with backoff without counting them as a function's failure.
     */
    record NotInvoked(String errorCode, String message) implements Outcome {
    }

    /** Never throws but InterruptedException (the poller is closing). */
    Outcome invoke(byte[] payload) throws InterruptedException;
}
