package dev.lamina.events.esm.kinesis;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** One record read from a shard, as the poller keeps it (no SDK types below the reader). */
record StreamRecord(String shardId, String sequenceNumber, String partitionKey, byte[] data, Instant arrival) {
    StreamRecord {
        Objects.requireNonNull(shardId);
        Objects.requireNonNull(sequenceNumber);
        Objects.requireNonNull(partitionKey);
        Objects.requireNonNull(data);
        Objects.requireNonNull(arrival);
    }

    /** Kinesis sequence numbers are decimal numbers of up to 128 digits, ordered as numbers. */
    static int compare(String a, String b) {
        return new BigInteger(a).compareTo(new BigInteger(b));
    }
}
