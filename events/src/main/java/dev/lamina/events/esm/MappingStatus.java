package dev.lamina.events.esm;

/**
 * How a poller reports on its mapping, as GetEventSourceMapping shows it: LastProcessingResult
 * ({@code OK}, {@code PROBLEM: Function call failed}, {@code No records processed}, …) and, when the
 * source cannot be read, a StateTransitionReason-like text. Cheap to call for every batch.
 */
public interface MappingStatus {

    /** The last batch's result in Lambda's words ({@code OK}, {@code PROBLEM: Function call failed}). */
    void processed(String lastProcessingResult);

    /** The source cannot be read now (connection refused, stream not found, …); the poller retries. */
    void sourceUnavailable(String reason);
}
