package dev.lamina.events.esm;

import dev.lamina.model.AccountId;
import dev.lamina.model.CodeDigest;
import dev.lamina.model.CodeRef;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.sqs.QueueInfo;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API's service and the supervisor over a real store, with a poller factory that records what it is asked. */
class EventSourceMappingsTest {
    static final Region REGION = new Region("us-east-1");
    static final AccountId ACCOUNT = new AccountId("000000000000");

    @TempDir
    Path dir;
    SqliteStore store;
    final MemoryQueues queues = new MemoryQueues();
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<String> closed = new CopyOnWriteArrayList<>();
    EventSourceMappings mappings;
    MappingSupervisor supervisor;
    QueueInfo queue;

    /** Makes pollers that only say they were started and closed. */
    final PollerFactory recording = new PollerFactory() {
        @Override
        public boolean handles(MappingSettings settings) {
            return settings.sqs() || settings.kinesis();
        }

        @Override
        public SourcePoller create(PollerContext context) {
            String uuid = context.settings().uuid();
            return new SourcePoller() {
                @Override
                public void start() {
                    started.add(uuid);
                }

                @Override
                public void close() {
                    closed.add(uuid);
                }
            };
        }
    };

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
        function("f", 3);
        function("slow", 60);
        queue = queues.create("q", Duration.ofSeconds(30), Optional.empty(), 0);
        wire();
    }

    void wire() {
        mappings = new EventSourceMappings(store, queues, REGION, ACCOUNT, InstantSource.system());
        supervisor = new MappingSupervisor(store, mappings, List.of(recording), null, (arn, body) -> { },
                REGION, ACCOUNT, InstantSource.system());
    }

    @AfterEach
    void close() {
        supervisor.close();
        store.close();
    }

    void function(String name, int timeout) {
        FunctionName n = new FunctionName(name);
        FunctionConfig c = FunctionConfig.defaults("arn:aws:iam::000000000000:role/r");
        c = new FunctionConfig(c.description(), c.runtime(), c.handler(), c.role(), c.memorySize(), timeout,
                c.environment(), c.ephemeralStorageMb(), c.layers(), c.tracingMode(), c.logging(),
                c.deadLetterTargetArn(), c.architecture(), c.kmsKeyArn(), c.vpc(), c.snapStart());
        CodeRef code = new CodeRef(new CodeDigest(new byte[32]), 1, 1);
        FunctionVersion latest = new FunctionVersion(n, Qualifier.LATEST, c, code,
                Optional.of(new FunctionVersion.Deployed(c, code)), DeploymentState.ACTIVE, Optional.empty(), "r",
                Instant.now());
        store.write(tx -> {
            tx.functions().insert(new FunctionRecord(n, Map.of(), OptionalInt.empty(), 0, Instant.now()));
            tx.versions().insert(latest);
            return null;
        });
    }

    static MappingInput sqs(String function, String queueArn) {
        return MappingInput.empty().withFunction(function).withSource(queueArn);
    }

    static LambdaException refused(Runnable call) {
        try {
            call.run();
        } catch (LambdaException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aCreatedMappingIsCreatingWithLambdasDefaultsThenEnabledOnceItsPollerRuns() {
        Mapping m = mappings.create(sqs("f", queue.arn()));
        assertThat(m.state()).isEqualTo(MappingState.CREATING);
        assertThat(m.config().batchSize()).isEqualTo(10);
        assertThat(m.config().maximumBatchingWindowInSeconds()).isZero();
        assertThat(m.config().functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f");
        assertThat(m.stateTransitionReason()).isEqualTo("USER_INITIATED");
        assertThat(m.arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + m.uuid());
        supervisor.reconcile();
        assertThat(mappings.get(m.uuid()).state()).isEqualTo(MappingState.ENABLED);
        assertThat(started).containsExactly(m.uuid());
    }

    @Test
    void sqsRulesAreAwsWithNothingStored() {
        assertThat(refused(() -> mappings.create(sqs("f", queue.arn()).withBatch(11, 0))).getMessage())
                .isEqualTo("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
        assertThat(refused(() -> mappings.create(sqs("slow", queue.arn()))).getMessage())
                .isEqualTo("Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds");
        LambdaException missingQueue = refused(() -> mappings.create(sqs("f", "arn:aws:sqs:us-east-1:000000000000:none")));
        assertThat(missingQueue.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThat(missingQueue.getMessage()).contains("AWS.SimpleQueueService.NonExistentQueue");
        LambdaException noFunction = refused(() -> mappings.create(sqs("nobody", queue.arn())));
        assertThat(noFunction.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        LambdaException badArn = refused(() -> mappings.create(sqs("f", "arn:aws:sns:us-east-1:000000000000:t")));
        assertThat(badArn.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        MappingInput badFilter = new MappingInput(Optional.of("f"), Optional.of(queue.arn()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(List.of("{\"body\": \"not a list\"}")), Optional.empty(), Optional.empty(), Optional.empty(),
                false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(refused(() -> mappings.create(badFilter)).getMessage()).isEqualTo("Invalid filter pattern definition.");
        MappingInput position = new MappingInput(Optional.of("f"), Optional.of(queue.arn()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("LATEST"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(refused(() -> mappings.create(position)).getMessage())
                .isEqualTo("StartingPosition is not valid for SQS event sources.");
        assertThat(mappings.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).mappings()).isEmpty();
    }

    @Test
    void aFifoQueueTakesBatchesOfTenAtMost() {
        QueueInfo fifo = queues.create("q.fifo", Duration.ofSeconds(30), Optional.empty(), 0);
        assertThat(refused(() -> mappings.create(sqs("f", fifo.arn()).withBatch(11, 5))).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThat(mappings.create(sqs("f", fifo.arn()).withBatch(10, 0)).config().batchSize()).isEqualTo(10);
    }

    @Test
    void oneMappingPerQueueAndFunction() {
        Mapping first = mappings.create(sqs("f", queue.arn()));
        LambdaException e = refused(() -> mappings.create(sqs("f", queue.arn())));
        assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
        assertThat(e.getMessage()).isEqualTo("An event source mapping with SQS arn (\" " + queue.arn()
                + " \") and function (\" f \") already exists. Please update or delete the existing mapping with UUID "
                + first.uuid());
    }

    @Test
    void aStreamNeedsAStartingPosition() {
        MappingInput kinesis = MappingInput.empty().withFunction("f")
                .withSource("arn:aws:kinesis:us-east-1:000000000000:stream/s");
        assertThat(refused(() -> mappings.create(kinesis)).getMessage()).isEqualTo("1 validation error detected: Value"
                + " null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
    }

    @Test
    void disablingStopsThePollerAndChangesWaitForTheTransition() {
        Mapping m = mappings.create(sqs("f", queue.arn()));
        assertThat(refused(() -> mappings.update(m.uuid(), MappingInput.empty().withEnabled(false))).code())
                .isEqualTo(ErrorCode.RESOURCE_IN_USE);
        supervisor.reconcile();
        Mapping disabling = mappings.update(m.uuid(), MappingInput.empty().withEnabled(false));
        assertThat(disabling.state()).isEqualTo(MappingState.DISABLING);
        LambdaException inUse = refused(() -> mappings.delete(m.uuid()));
        assertThat(inUse.code()).isEqualTo(ErrorCode.RESOURCE_IN_USE);
        assertThat(inUse.getMessage()).isEqualTo("Cannot delete the event source mapping because it is in use.");
        supervisor.reconcile();
        assertThat(mappings.get(m.uuid()).state()).isEqualTo(MappingState.DISABLED);
        assertThat(closed).containsExactly(m.uuid());
        assertThat(mappings.update(m.uuid(), MappingInput.empty().withEnabled(true)).state())
                .isEqualTo(MappingState.ENABLING);
        supervisor.reconcile();
        assertThat(mappings.get(m.uuid()).state()).isEqualTo(MappingState.ENABLED);
        assertThat(started).containsExactly(m.uuid(), m.uuid());
    }

    @Test
    void anUpdateRestartsThePollerWithTheNewSettings() {
        Mapping m = mappings.create(sqs("f", queue.arn()));
        supervisor.reconcile();
        Mapping updating = mappings.update(m.uuid(), MappingInput.empty().withBatch(5, 0));
        assertThat(updating.state()).isEqualTo(MappingState.UPDATING);
        assertThat(updating.config().batchSize()).isEqualTo(5);
        supervisor.reconcile();
        assertThat(closed).containsExactly(m.uuid());
        assertThat(started).hasSize(2);
        assertThat(mappings.get(m.uuid()).state()).isEqualTo(MappingState.ENABLED);
    }

    @Test
    void aDeletedMappingIsGoneOnceItsPollerStopped() {
        Mapping m = mappings.create(sqs("f", queue.arn()));
        supervisor.reconcile();
        assertThat(mappings.delete(m.uuid()).state()).isEqualTo(MappingState.DELETING);
        assertThat(mappings.get(m.uuid()).state()).isEqualTo(MappingState.DELETING);
        supervisor.reconcile();
        LambdaException gone = refused(() -> mappings.get(m.uuid()));
        assertThat(gone.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        assertThat(closed).containsExactly(m.uuid());
    }

    @Test
    void afterARestartEnabledMappingsPollAgainAndTransitionsFinish() {
        Mapping enabled = mappings.create(sqs("f", queue.arn()));
        supervisor.reconcile();
        QueueInfo other = queues.create("other", Duration.ofSeconds(30), Optional.empty(), 0);
        Mapping creating = mappings.create(sqs("f", other.arn()));
        // a crash: nothing closed, the next process opens the same store
        started.clear();
        wire();
        supervisor.reconcile();
        assertThat(started).containsExactlyInAnyOrder(enabled.uuid(), creating.uuid());
        assertThat(mappings.get(creating.uuid()).state()).isEqualTo(MappingState.ENABLED);
    }

    @Test
    void aSourceNoPollerReadsSettlesDisabledAndSaysWhy() {
        MappingInput ddb = new MappingInput(Optional.of("f"),
                Optional.of("arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-01-01T00:00:00.000"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("LATEST"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Mapping m = mappings.create(ddb);
        assertThat(m.config().batchSize()).isEqualTo(100);
        assertThat(m.config().maximumRetryAttempts()).contains(-1);
        supervisor.reconcile();
        Mapping after = mappings.get(m.uuid());
        assertThat(after.state()).isEqualTo(MappingState.DISABLED);
        assertThat(after.stateTransitionReason()).contains("DynamoDB");
        assertThat(started).isEmpty();
    }

    /** A mapping starting AT_TIMESTAMP on {@code source}: Kafka when {@code source} is empty. */
    static MappingInput atTimestamp(Optional<String> source) {
        Optional<List<String>> topics = source.isEmpty() ? Optional.of(List.of("orders")) : Optional.empty();
        Optional<Map<String, List<String>>> endpoints = source.isEmpty()
                ? Optional.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", List.of("127.0.0.1:9092"))) : Optional.empty();
        return new MappingInput(Optional.of("f"), source, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("AT_TIMESTAMP"), Optional.of(Instant.parse("2026-12-01T00:00:00Z")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), topics, Optional.empty(), endpoints,
                Optional.empty(), Optional.empty());
    }

    @Test
    void kafkaMayStartAtATimestampButDynamoDbStreamsMayNot() {
        Mapping kafka = mappings.create(atTimestamp(Optional.empty()));
        assertThat(kafka.config().startingPosition()).contains("AT_TIMESTAMP");
        LambdaException e = refused(() -> mappings.create(atTimestamp(
                Optional.of("arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-01-01T00:00:00.000"))));
        assertThat(e.getMessage()).startsWith("Unsupported starting position for arn type: arn:aws:dynamodb:");
    }

    @Test
    void listingFiltersBySourceAndFunctionAndPages() {
        List<String> ofF = new ArrayList<>();
        String firstQueue = null;
        for (int i = 0; i < 5; i++) {
            QueueInfo q = queues.create("list" + i, Duration.ofSeconds(60), Optional.empty(), 0);
            firstQueue = firstQueue == null ? q.arn() : firstQueue;
            Mapping m = mappings.create(sqs(i % 2 == 0 ? "f" : "slow", q.arn()));
            if (i % 2 == 0) {
                ofF.add(m.uuid());
            }
        }
        var byFunction = mappings.list(Optional.empty(), Optional.of("f"), Optional.empty(), Optional.empty());
        assertThat(byFunction.mappings()).extracting(Mapping::uuid).containsExactlyInAnyOrderElementsOf(ofF);
        var bySource = mappings.list(Optional.of(firstQueue), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(bySource.mappings()).hasSize(1);
        var qualified = mappings.list(Optional.empty(), Optional.of("f:$LATEST"), Optional.empty(), Optional.empty());
        assertThat(qualified.mappings()).isEmpty(); // mappings of f name it unqualified
        List<String> paged = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        do {
            var page = mappings.list(Optional.empty(), Optional.empty(), marker, Optional.of(2));
            assertThat(page.mappings().size()).isLessThanOrEqualTo(2);
            page.mappings().forEach(m -> paged.add(m.uuid()));
            marker = page.nextMarker();
        } while (marker.isPresent());
        assertThat(paged).hasSize(5).doesNotHaveDuplicates();
    }
}
