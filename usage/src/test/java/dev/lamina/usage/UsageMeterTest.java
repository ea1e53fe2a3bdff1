package dev.lamina.usage;

import dev.lamina.model.FunctionName;
import dev.lamina.invoke.InvocationSummary;
import dev.lamina.invoke.InvocationSummary.Outcome;
import dev.lamina.store.Store;
import dev.lamina.store.StoreException;
import dev.lamina.store.Transaction;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import dev.lamina.store.usage.UsageFigures;
import dev.lamina.store.usage.UsageLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lamina.store.usage.UsageBucket;
import dev.lamina.store.usage.UsageRepository;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageMeterTest {
    static final FunctionName APP = new FunctionName("app");
    static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static InvocationSummary ran(String version, int memoryMb, Instant startedAt, Duration duration,
                                 Optional<Duration> init, Outcome outcome) {
        return new InvocationSummary("req", APP, version, Optional.empty(), memoryMb, false, Optional.empty(),
                startedAt, init, duration, false, outcome,
                outcome == Outcome.SUCCESS ? Optional.empty() : Optional.of("Sandbox.Timedout"), Optional.empty());
    }

    List<UsageLine> stored() {
        return store.read((Transaction tx) -> tx.usage().sum(Instant.EPOCH, TEN.plus(Duration.ofDays(1)),
                Optional.empty()));
    }

    @Test
    void everyInvocationThatRanIsARequestBilledItsRoundedUpDurationTimesItsMemory() {
        UsageMeter meter = new UsageMeter(store);
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofNanos(1_000_001), Optional.of(Duration.ofNanos(150_200_000)),
                Outcome.SUCCESS));                                                         // 2 ms, init 151 ms
        meter.ended(ran("$LATEST", 128, TEN.plusSeconds(5), Duration.ofMillis(3), Optional.empty(), Outcome.ERROR));
        meter.ended(ran("$LATEST", 128, TEN.plusSeconds(9), Duration.ofSeconds(3), Optional.empty(), Outcome.TIMEOUT));
        meter.throttled(APP, "$LATEST", Optional.empty(), "ReservedFunctionConcurrentInvocationLimitExceeded", false);

        assertThat(meter.flush()).isEqualTo(1);
        assertThat(stored()).containsExactly(new UsageLine(APP, "$LATEST", 128,
                new UsageFigures(3, 2 + 3 + 3000, (2 + 3 + 3000) * 128, 151)));
    }

    @Test
    void anEnvironmentThatNeverStartedIsARequestBilledNothing() {
        UsageMeter meter = new UsageMeter(store);
        meter.ended(ran("1", 256, TEN, Duration.ZERO, Optional.empty(), Outcome.ERROR));
        meter.flush();
        assertThat(stored()).containsExactly(new UsageLine(APP, "1", 256, new UsageFigures(1, 0, 0, 0)));
    }

    @Test
    void versionsMemorySizesAndHoursAreKeptApart() {
        UsageMeter meter = new UsageMeter(store);
        meter.ended(ran("$LATEST", 128, TEN.minusMillis(1), Duration.ofMillis(1), Optional.empty(), Outcome.SUCCESS));
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(2), Optional.empty(), Outcome.SUCCESS));
        meter.ended(ran("$LATEST", 512, TEN, Duration.ofMillis(4), Optional.empty(), Outcome.SUCCESS));
        meter.ended(ran("1", 128, TEN, Duration.ofMillis(8), Optional.empty(), Outcome.SUCCESS));
        assertThat(meter.flush()).isEqualTo(4);

        List<UsageLine> tenOClock = store.read((Transaction tx) -> tx.usage().sum(TEN, TEN.plus(Duration.ofHours(1)),
                Optional.empty()));
        assertThat(tenOClock).containsExactly(
                new UsageLine(APP, "$LATEST", 128, UsageFigures.invocation(128, 2, 0)),
                new UsageLine(APP, "$LATEST", 512, UsageFigures.invocation(512, 4, 0)),
                new UsageLine(APP, "1", 128, UsageFigures.invocation(128, 8, 0)));
    }

    @Test
    void flushesAddToWhatEarlierFlushesWroteAndAnEmptyFlushWritesNothing() {
        UsageMeter meter = new UsageMeter(store);
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(5), Optional.empty(), Outcome.SUCCESS));
        meter.flush();
        long generation = store.generation();
        assertThat(meter.flush()).isZero();
        assertThat(store.generation()).isEqualTo(generation);
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(7), Optional.empty(), Outcome.SUCCESS));
        meter.close();
        assertThat(stored()).containsExactly(new UsageLine(APP, "$LATEST", 128, new UsageFigures(2, 12, 12 * 128, 0)));
    }

    @Test
    void aFlushCommitsWithoutGrowingTheGenerationSoNoCacheOfFunctionsOrPermissionsIsDropped() {
        UsageMeter meter = new UsageMeter(store);
        long generation = store.generation();
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(5), Optional.empty(), Outcome.SUCCESS));
        assertThat(meter.flush()).isEqualTo(1);
        assertThat(store.generation()).isEqualTo(generation);
        assertThat(stored()).containsExactly(new UsageLine(APP, "$LATEST", 128, UsageFigures.invocation(128, 5, 0)));
    }

    @Test
    void whatAFailedFlushHeldIsWrittenByTheNextOne() {
        AtomicBoolean failNext = new AtomicBoolean(true);
        Store flaky = new Store() {
            @Override
            public <T> T read(Work<T> work) {
                return store.read(work);
            }

            @Override
            public <T> T write(Work<T> work) {
                if (failNext.getAndSet(false)) {
                    throw new StoreException("disk full", null);
                }
                return store.write(work);
            }

            @Override
            public long generation() {
                return store.generation();
            }

            @Override
            public void close() {
            }
        };
        UsageMeter meter = new UsageMeter(flaky);
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(5), Optional.empty(), Outcome.SUCCESS));
        assertThatThrownBy(meter::flush).isInstanceOf(StoreException.class);
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(6), Optional.empty(), Outcome.SUCCESS));
        assertThat(meter.flush()).isEqualTo(1);
        assertThat(stored()).containsExactly(new UsageLine(APP, "$LATEST", 128, new UsageFigures(2, 11, 11 * 128, 0)));
    }

    @Test
    void invocationsEndingWhileFlushesRunAreEachCountedOnce() throws InterruptedException {
        // Flushes into memory, so that thousands of them race the additions instead of a few fsyncs.
        Map<UsageBucket, UsageFigures> written = new HashMap<>();
        UsageRepository usage = new UsageRepository() {
            @Override
            public void add(Map<UsageBucket, UsageFigures> taken) {
                taken.forEach((bucket, figures) -> written.merge(bucket, figures, UsageFigures::plus));
            }

            @Override
            public List<UsageLine> sum(Instant from, Instant to, Optional<FunctionName> function) {
                throw new UnsupportedOperationException();
            }
        };
        Transaction tx = (Transaction) Proxy.newProxyInstance(Transaction.class.getClassLoader(),
                new Class<?>[]{Transaction.class}, (proxy, method, args) -> usage);
        Store inMemory = new Store() {
            @Override
            public <T> T read(Work<T> work) {
                throw new UnsupportedOperationException();
            }

            @Override
            public synchronized <T> T write(Work<T> work) {
                return work.run(tx);
            }

            @Override
            public long generation() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        UsageMeter meter = new UsageMeter(inMemory);
        int threads = 8;
        int each = 20_000;
        List<Thread> invokers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int memory = 128 + t % 2; // two buckets that all threads add to at once
            invokers.add(Thread.ofPlatform().start(() -> {
                for (int i = 1; i <= each; i++) {
                    meter.ended(ran("$LATEST", memory, TEN, Duration.ofMillis(i % 7 + 1), Optional.empty(),
                            Outcome.SUCCESS));
                }
            }));
        }
        Thread flusher = Thread.ofPlatform().start(() -> {
            while (invokers.stream().anyMatch(Thread::isAlive)) {
                meter.flush();
            }
        });
        for (Thread t : invokers) {
            t.join();
        }
        flusher.join();
        meter.flush();

        long billedEach = 0;
        for (int i = 1; i <= each; i++) {
            billedEach += i % 7 + 1;
        }
        long expectedMbMs = 0;
        for (int t = 0; t < threads; t++) {
            expectedMbMs += (128L + t % 2) * billedEach;
        }
        UsageFigures total = written.values().stream().reduce(UsageFigures.NONE, UsageFigures::plus);
        assertThat(total).isEqualTo(new UsageFigures((long) threads * each, threads * billedEach, expectedMbMs, 0));
    }

    @Test
    void anIdleBucketOfAPastHourIsDroppedAfterItsLastFiguresAreWrittenAndComesBackWhenUsedAgain() {
        UsageMeter meter = new UsageMeter(store);
        meter.ended(ran("$LATEST", 128, TEN.minusSeconds(1), Duration.ofMillis(5), Optional.empty(), Outcome.SUCCESS));
        meter.ended(ran("$LATEST", 128, TEN, Duration.ofMillis(7), Optional.empty(), Outcome.SUCCESS));
        meter.flush();
        assertThat(meter.buckets()).isEqualTo(2);
        meter.flush(); // nine o'clock idle: retired; ten o'clock is the latest hour and stays
        assertThat(meter.buckets()).isEqualTo(1);
        meter.ended(ran("$LATEST", 128, TEN.minusSeconds(2), Duration.ofMillis(11), Optional.empty(), Outcome.SUCCESS));
        assertThat(meter.flush()).isEqualTo(1);
        List<UsageLine> nineOClock = store.read((Transaction tx) -> tx.usage().sum(TEN.minus(Duration.ofHours(1)), TEN,
                Optional.empty()));
        assertThat(nineOClock).containsExactly(new UsageLine(APP, "$LATEST", 128, new UsageFigures(2, 16, 16 * 128, 0)));
    }
}
