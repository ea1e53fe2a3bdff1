package dev.lamina.events.esm;

/** A mapping's OnFailure destination: where a stream batch that could not be processed is described. */
public interface FailureDestination {

    /** Whether the mapping has one. */
    boolean configured();

    /** Sends one invocation record (JSON) to it; throws when it cannot be reached (the caller retries). */
    void send(String recordJson) throws Exception;
}
