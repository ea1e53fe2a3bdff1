package dev.lamina.events.esm;

import java.util.Optional;

/** A mapping's OnFailure destination, sent to through the same path as asynchronous invocation's. */
record QueueFailureDestination(QueueTarget queues, Optional<String> arn) implements FailureDestination {

    @Override
    public boolean configured() {
        return arn.isPresent();
    }

    @Override
    public void send(String recordJson) throws Exception {
        if (arn.isEmpty()) {
            throw new IllegalStateException("the mapping has no OnFailure destination");
        }
        queues.send(arn.get(), recordJson);
    }
}
