package dev.lamina.events.esm.kinesis;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One stream's Kinesis calls. Every method may throw the SDK's exceptions (the server is down, the
 * stream is missing, an iterator expired); the callers decide what each means.
 */
final class StreamSource {
    /** Kinesis's largest GetRecords limit. */
    static final int MAX_LIMIT = 10_000;

    private final KinesisClient client;
    private final StreamArn stream;

    StreamSource(KinesisClient client, StreamArn stream) {
        this.client = client;
        this.stream = stream;
    }

    StreamArn stream() {
        return stream;
    }

    /** A shard and the shards it was split or merged from. */
    record ShardInfo(String shardId, Optional<String> parent, Optional<String> adjacentParent) {
    }

    /** One GetRecords answer; {@code next} is empty when the shard is closed and read to its end. */
    record Page(List<StreamRecord> records, Optional<String> next, long millisBehindLatest) {
    }

    /** Every shard the stream still has (open, and closed ones within the retention period). */
    List<ShardInfo> shards() {
        List<ShardInfo> shards = new ArrayList<>();
        String token = null;
        do {
            // A page after the first names only the token: Kinesis refuses both.
            ListShardsRequest request = token == null
                    ? ListShardsRequest.builder().streamName(stream.name()).build()
                    : ListShardsRequest.builder().nextToken(token).build();
            ListShardsResponse response = client.listShards(request);
            for (Shard s : response.shards()) {
                shards.add(new ShardInfo(s.shardId(), Optional.ofNullable(s.parentShardId()),
                        Optional.ofNullable(s.adjacentParentShardId())));
            }
            token = response.nextToken();
        } while (token != null);
        return shards;
    }

    String iterator(String shardId, Position position) {
        GetShardIteratorRequest.Builder b = GetShardIteratorRequest.builder().streamName(stream.name()).shardId(shardId);
        switch (position) {
            case Position.TrimHorizon t -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            case Position.AtTimestamp a -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(a.at());
            case Position.AfterSequence s -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(s.sequenceNumber());
        }
        return client.getShardIterator(b.build()).shardIterator();
    }

    Page read(String shardId, String iterator, int limit) {
        GetRecordsResponse r = client.getRecords(b -> b.shardIterator(iterator).limit(Math.min(limit, MAX_LIMIT)));
        List<StreamRecord> records = new ArrayList<>(r.records().size());
        for (var rec : r.records()) {
            Instant arrival = rec.approximateArrivalTimestamp() == null ? Instant.EPOCH : rec.approximateArrivalTimestamp();
            records.add(new StreamRecord(shardId, rec.sequenceNumber(), rec.partitionKey(), rec.data().asByteArray(),
                    arrival));
        }
        return new Page(records, Optional.ofNullable(r.nextShardIterator()),
                r.millisBehindLatest() == null ? 0 : r.millisBehindLatest());
    }
}
