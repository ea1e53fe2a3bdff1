package dev.lamina.sqs;

import dev.lamina.sqs.api.SqsApi;

import java.time.InstantSource;

/**
 * The built-in SQS service: opened once by Main on its directory (recovering every queue and message
 * that was acknowledged before a crash), closed at stop.
 */
public final class Sqs implements AutoCloseable {

    private Sqs() {
    }

    /** Opens the service, creating its directory when absent. */
    public static Sqs open(SqsSettings settings, InstantSource clock) {
        throw new UnsupportedOperationException("the sqs module is being built");
    }

    /** What other services use. */
    public Queues queues() {
        throw new UnsupportedOperationException();
    }

    /** What the HTTP edge serves. */
    public SqsApi api() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
