package dev.lamina.events.esm.kinesis;

import dev.lamina.events.esm.SourcePoller;
import dev.lamina.model.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lamina.events.esm.kinesis.TestContext.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Shards against a real Kinesis-compatible server: ParallelizationFactor, resharding, a server that is down. */
class KinesisShardsTest {
    static KinesisMock kinesis;
    static KinesisPollerFactory factory;

    @BeforeAll
    static void startKinesis() {
        kinesis = KinesisMock.start();
        factory = new KinesisPollerFactory(new KinesisSettings(Optional.of(kinesis.endpoint()), new Region("us-east-1"),
                KinesisMock.CREDENTIALS), KinesisPollerTest.FAST);
    }

    @AfterAll
    static void stopKinesis() {
        factory.close();
        kinesis.close();
    }

    /** Two partition keys that fall in different lanes of two. */
    static List<String> keysInTwoLanes() {
        String a = "key-a";
        for (int i = 0; ; i++) {
            String b = "key-" + i;
            if (Math.floorMod(a.hashCode(), 2) != Math.floorMod(b.hashCode(), 2)) {
                return List.of(a, b);
            }
        }
    }

    @Test
    void parallelizationFactorRunsThatManyBatchesOfOneShardAtOnceInOrderPerPartitionKey() throws Exception {
        String name = KinesisPollerTest.name();
        String arn = kinesis.createStream(name, 1);
        List<String> keys = keysInTwoLanes();
        for (int i = 0; i < 4; i++) {
            for (String key : keys) {
                kinesis.put(name, key, key + "/" + i);
            }
        }
        Mapping m = new Mapping(arn);
        m.batchSize = 1;
        m.parallelizationFactor = 2;
        TestContext context = new TestContext(m.build());
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        context.behaviour = data -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            KinesisMock.sleep(Duration.ofMillis(300));
            now.decrementAndGet();
            return TestContext.ok();
        };
        try (SourcePoller poller = factory.create(context)) {
            poller.start();
            eventually("all eight", () -> context.delivered().size() == 8);
        }
        assertThat(most.get()).isEqualTo(2);
        for (String key : keys) {
            assertThat(context.delivered().stream().filter(d -> d.startsWith(key + "/")).toList())
                    .containsExactly(key + "/0", key + "/1", key + "/2", key + "/3");
        }
    }

    @Test
    void aSplitShardsRecordsAreAllProcessedBeforeItsChildrensAndItIsCheckpointedAsFinished() throws Exception {
        String name = KinesisPollerTest.name();
        String arn = kinesis.createStream(name, 1);
        for (int i = 0; i < 3; i++) {
            kinesis.put(name, "p" + i, "parent-" + i);
        }
        kinesis.client.splitShard(b -> b.streamName(name).shardToSplit("shardId-000000000000")
                .newStartingHashKey(BigInteger.TWO.pow(127).toString()));
        kinesis.awaitActive(name);
        for (int i = 0; i < 6; i++) {
            kinesis.put(name, "c" + i, "child-" + i);
        }
        List<String> children = kinesis.client.listShards(b -> b.streamName(name)).shards().stream()
                .filter(s -> s.parentShardId() != null).map(Shard::shardId).toList();
        assertThat(children).hasSize(2);
        Mapping m = new Mapping(arn);
        m.batchSize = 2;
        TestContext context = new TestContext(m.build());
        try (SourcePoller poller = factory.create(context)) {
            poller.start();
            eventually("all nine", () -> context.delivered().size() == 9);
            eventually("the parent finished", () -> ShardReader.SHARD_END.equals(
                    context.checkpoints.get("shardId-000000000000")));
        }
        List<String> delivered = context.delivered();
        assertThat(delivered.subList(0, 3)).containsExactly("parent-0", "parent-1", "parent-2");
        assertThat(delivered.subList(3, 9)).containsExactlyInAnyOrder("child-0", "child-1", "child-2", "child-3",
                "child-4", "child-5");
        assertThat(context.checkpoints.keySet()).containsAll(children);
    }

    @Test
    void aServerThatIsDownIsReportedAndTheMappingReadsOnceItIsUp() throws Exception {
        int port = KinesisMock.freePort();
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/late";
        List<String> reasons = new ArrayList<>();
        try (KinesisPollerFactory down = new KinesisPollerFactory(new KinesisSettings(
                Optional.of(KinesisMock.endpoint(port)), new Region("us-east-1"), KinesisMock.CREDENTIALS),
                KinesisPollerTest.FAST)) {
            Mapping m = new Mapping(arn);
            TestContext context = new TestContext(m.build());
            try (SourcePoller poller = down.create(context)) {
                poller.start();
                eventually("reported unavailable", () -> !context.unavailable.isEmpty());
                reasons.addAll(context.unavailable);
                try (KinesisMock late = KinesisMock.start(port)) {
                    eventually("the missing stream reported", () -> context.unavailable.stream()
                            .anyMatch(r -> r.startsWith("ResourceNotFoundException")));
                    late.createStream("late", 1);
                    late.put("late", "k", "at last");
                    eventually("delivered", () -> context.delivered().contains("at last"));
                }
            }
            assertThat(context.processed).contains("No records processed", "OK");
        }
        assertThat(reasons.getFirst()).contains("Connection refused");
    }
}
