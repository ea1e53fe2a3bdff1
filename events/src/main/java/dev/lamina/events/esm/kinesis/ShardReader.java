package dev.lamina.events.esm.kinesis;

import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.PollerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads one shard, from its checkpoint or the mapping's starting position, and hands its records to
 * ParallelizationFactor lanes: a record goes to the lane of its partition key, so records of one
 * key stay in order while up to that many batches of the shard are in flight. Each lane runs one
 * batch at a time through a {@link BatchRunner}. The checkpoint advances only over records that are
 * all done, so a restart resumes after the last record whose predecessors were all processed.
 * A closed shard read to its end and fully processed is checkpointed {@link #SHARD_END}, which lets
 * its children start.
 */
final class ShardReader {
    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
    /** The checkpoint of a closed shard whose every record was processed. */
    static final String SHARD_END = "SHARD_END";
    /** The most record data one shard keeps read ahead (records are up to 1 MB, a read up to 10 MB). */
    static final long MAX_BUFFERED_BYTES = 32L << 20;

    private final String shardId;
    private final Position start;
    private final StreamSource source;
    private final PollerContext context;
    private final MappingSettings settings;
    private final Pause pause;
    private final Tuning tuning;
    private final SourceHealth health;
    private final Workers threads;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ArrayDeque<Item>> lanes = new ArrayList<>();
    private final ArrayDeque<Item> inOrder = new ArrayDeque<>();
    private final Map<StreamRecord, Item> items = new IdentityHashMap<>();
    private boolean fetchEnded;
    private long bufferedBytes;
    private final Object checkpointLock = new Object();
    private String lastCheckpoint;

    /** A record read and not yet checkpointed. */
    private static final class Item {
        final StreamRecord record;
        final Instant queued;
        boolean done;

        Item(StreamRecord record, Instant queued) {
            this.record = record;
            this.queued = queued;
        }
    }

    ShardReader(String shardId, Position start, StreamSource source, PollerContext context, Pause pause, Tuning tuning,
                SourceHealth health, Workers threads) {
        this.shardId = shardId;
        this.start = start;
        this.source = source;
        this.context = context;
        this.settings = context.settings();
        this.pause = pause;
        this.tuning = tuning;
        this.health = health;
        this.threads = threads;
        for (int i = 0; i < Math.max(1, settings.parallelizationFactor()); i++) {
            lanes.add(new ArrayDeque<>());
        }
        if (start instanceof Position.AfterSequence(String seq)) {
            lastCheckpoint = seq;
        }
    }

    /**
     * Reads the shard until it is closed and done, or the poller closes.
     *
     * @return whether the shard is finished (checkpointed {@link #SHARD_END})
     */
    boolean run() {
        List<Thread> workers = new ArrayList<>();
        BatchRunner runner = new BatchRunner(context, source.stream().arn(), pause);
        for (int i = 0; i < lanes.size(); i++) {
            int lane = i;
            workers.add(threads.start("kinesis-" + shardId + "-lane-" + lane, () -> work(lane, runner)));
        }
        boolean ended = fetch();
        lock.lock();
        try {
            fetchEnded = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                return false;
            }
        }
        boolean finished;
        lock.lock();
        try {
            finished = ended && !pause.closing() && inOrder.isEmpty();
        } finally {
            lock.unlock();
        }
        if (finished) {
            context.checkpoints().put(shardId, SHARD_END);
            LOG.info("mapping {}: shard {} is finished", settings.uuid(), shardId);
        }
        return finished;
    }

    /** The fetch loop; returns true when the shard was read to its end (it is closed). */
    private boolean fetch() {
        Position position = start;
        String iterator = null;
        int failures = 0;
        int limit = Math.min(StreamSource.MAX_LIMIT, settings.batchSize() * lanes.size());
        while (!pause.closing()) {
            try {
                waitForRoom(limit);
                if (iterator == null) {
                    iterator = source.iterator(shardId, position);
                }
                StreamSource.Page page = source.read(shardId, iterator, limit);
                failures = 0;
                health.available();
                if (!page.records().isEmpty()) {
                    enqueue(page.records());
                    position = new Position.AfterSequence(page.records().getLast().sequenceNumber());
                }
                if (page.next().isEmpty()) {
                    return true;
                }
                iterator = page.next().get();
                if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                    pause.sleep(tuning.idlePoll());
                }
            } catch (InterruptedException e) {
                return false;
            } catch (ExpiredIteratorException e) {
                iterator = null; // a new one from the last record read
            } catch (RuntimeException e) {
                iterator = null;
                failures++;
                if (!(e instanceof ProvisionedThroughputExceededException)) {
                    health.unavailable(e);
                }
                try {
                    pause.sleep(Pause.backoff(tuning.sourceBackoffBase(), tuning.sourceBackoffMax(), failures));
                } catch (InterruptedException closing) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Keeps at most two reads' worth of records (and 32 MB) waiting, so a slow function does not fill memory. */
    private void waitForRoom(int limit) throws InterruptedException {
        lock.lock();
        try {
            while ((inOrder.size() >= 2 * limit || bufferedBytes >= MAX_BUFFERED_BYTES) && !pause.closing()) {
                changed.await(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(List<StreamRecord> records) {
        Instant now = context.clock().instant();
        lock.lock();
        try {
            for (StreamRecord r : records) {
                Item item = new Item(r, now);
                inOrder.add(item);
                bufferedBytes += r.data().length;
                items.put(r, item);
                lanes.get(Math.floorMod(r.partitionKey().hashCode(), lanes.size())).add(item);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work(int lane, BatchRunner runner) {
        try {
            List<StreamRecord> batch = take(lane);
            int failures = 0;
            while (batch != null) {
                try {
                    runner.run(batch, this::done);
                    failures = 0;
                    batch = take(lane);
                } catch (RuntimeException e) {
                    // A checkpoint that could not be written, or a fault of Lamina's: the same batch
                    // again after a pause (its records already done are invoked again: at least once).
                    failures++;
                    LOG.error("mapping {}: shard {} lane {}: a batch failed; it runs again", settings.uuid(), shardId,
                            lane, e);
                    pause.sleep(Pause.backoff(tuning.sourceBackoffBase(), tuning.sourceBackoffMax(), failures));
                }
            }
        } catch (InterruptedException e) {
            // closing: what is not done is read again after a restart
        }
    }

    /**
     * The lane's next batch: up to BatchSize records, once BatchSize are waiting or the oldest has
     * waited MaximumBatchingWindow; null when the lane is to stop.
     */
    private List<StreamRecord> take(int lane) throws InterruptedException {
        ArrayDeque<Item> queue = lanes.get(lane);
        Duration window = settings.maximumBatchingWindow();
        lock.lock();
        try {
            while (!pause.closing()) {
                if (queue.isEmpty()) {
                    if (fetchEnded) {
                        return null;
                    }
                    changed.await(1, TimeUnit.SECONDS);
                    continue;
                }
                Duration waited = Duration.between(queue.peek().queued, context.clock().instant());
                if (queue.size() >= settings.batchSize() || fetchEnded || waited.compareTo(window) >= 0) {
                    List<StreamRecord> batch = new ArrayList<>();
                    while (!queue.isEmpty() && batch.size() < settings.batchSize()) {
                        batch.add(queue.poll().record);
                    }
                    return batch;
                }
                changed.await(window.minus(waited).toNanos(), TimeUnit.NANOSECONDS);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Marks records done and checkpoints the last one before the first record not done. */
    private void done(List<StreamRecord> records) {
        String checkpoint = null;
        lock.lock();
        try {
            for (StreamRecord r : records) {
                Item item = items.remove(r);
                if (item != null) {
                    item.done = true;
                }
            }
            while (!inOrder.isEmpty() && inOrder.peek().done) {
                StreamRecord r = inOrder.poll().record;
                bufferedBytes -= r.data().length;
                checkpoint = r.sequenceNumber();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (checkpoint != null) {
            synchronized (checkpointLock) {
                if (lastCheckpoint == null || StreamRecord.compare(checkpoint, lastCheckpoint) > 0) {
                    context.checkpoints().put(shardId, checkpoint);
                    lastCheckpoint = checkpoint;
                }
            }
        }
    }
}
