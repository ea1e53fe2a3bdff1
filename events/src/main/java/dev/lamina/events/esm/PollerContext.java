package dev.lamina.events.esm;

import java.time.InstantSource;

/** Everything a poller is given for its one mapping. */
public interface PollerContext {

    /** The mapping's settings when the poller was made (immutable; an update makes a new poller). */
    MappingSettings settings();

    /** Invokes the mapping's function synchronously with one batch. */
    BatchInvoker invoker();

    /** Where the poller says how its last batch went and whether its source is reachable. */
    MappingStatus status();

    /** Durable positions of this mapping (a shard's sequence number …); survive restarts. */
    Checkpoints checkpoints();

    /** The mapping's OnFailure destination (an SQS queue ARN), when it has one. */
    FailureDestination onFailure();

    InstantSource clock();
}
