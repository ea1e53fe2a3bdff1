package dev.lamina.events.esm.kinesis;

import java.time.Instant;

/** Where a shard's reading starts: GetShardIterator's types that a poller uses. */
sealed interface Position {

    record TrimHorizon() implements Position {
    }

    record AtTimestamp(Instant at) implements Position {
    }

    record AfterSequence(String sequenceNumber) implements Position {
    }
}
