package dev.lamina.events.esm.kinesis;

import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.PollerContext;
import dev.lamina.events.esm.SourcePoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One Kinesis mapping's poller: lists the stream's shards (again every {@link Tuning#relist}, and
 * whenever a shard finishes, for resharding) and runs a {@link ShardReader} for each shard whose
 * parents are finished, so a parent's records are all processed before its children's.
 *
 * <p>Where a shard with no checkpoint starts: TRIM_HORIZON at its oldest record; AT_TIMESTAMP at
 * the mapping's timestamp; LATEST at the moment the poller first started, kept as a checkpoint of
 * its own ({@link #LATEST_START}) before {@link #start} returns, so records put after the mapping
 * became Enabled are delivered even across a restart, and children made by a later resharding are
 * read from their start. That moment is compared with Kinesis's arrival times, so it assumes the
 * Kinesis server's clock agrees with Lamina's.
 */
final class KinesisPoller implements SourcePoller {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisPoller.class);
    /** The checkpoint key of a LATEST mapping's start (epoch milliseconds); never a shard id. */
    static final String LATEST_START = "$latest-start";

    private final PollerContext context;
    private final MappingSettings settings;
    private final StreamSource source;
    private final Tuning tuning;
    private final Pause pause = new Pause();
    private final Workers workers = new Workers();
    private final Semaphore wake = new Semaphore(0);
    private final SourceHealth health;
    private final Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Position initial;

    KinesisPoller(PollerContext context, StreamSource source, Tuning tuning) {
        this.context = context;
        this.settings = context.settings();
        this.source = source;
        this.tuning = tuning;
        this.health = new SourceHealth(settings.uuid(), context.status());
    }

    @Override
    public void start() {
        if (settings.tumblingWindow().isPresent()) {
            LOG.warn("mapping {}: TumblingWindowInSeconds is not supported; its records are delivered without windows "
                    + "or state", settings.uuid());
        }
        initial = initialPosition();
        context.checkpoints().all().forEach((shard, value) -> {
            if (value.equals(ShardReader.SHARD_END)) {
                finished.add(shard);
            }
        });
        workers.start("kinesis-" + settings.uuid(), this::discover);
    }

    private Position initialPosition() {
        String position = settings.startingPosition().orElse("LATEST");
        return switch (position) {
            case "TRIM_HORIZON" -> new Position.TrimHorizon();
            case "AT_TIMESTAMP" -> new Position.AtTimestamp(settings.startingPositionTimestamp().orElseThrow(
                    () -> new IllegalArgumentException("AT_TIMESTAMP needs StartingPositionTimestamp")));
            default -> {
                Optional<String> since = context.checkpoints().get(LATEST_START);
                Instant at = since.map(s -> Instant.ofEpochMilli(Long.parseLong(s))).orElseGet(() -> {
                    Instant now = context.clock().instant();
                    context.checkpoints().put(LATEST_START, Long.toString(now.toEpochMilli()));
                    return now;
                });
                yield new Position.AtTimestamp(at);
            }
        };
    }

    private void discover() {
        int failures = 0;
        while (!pause.closing()) {
            try {
                List<StreamSource.ShardInfo> shards = source.shards();
                failures = 0;
                health.available();
                startReady(shards);
                wake.tryAcquire(tuning.relist().toNanos(), TimeUnit.NANOSECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures++;
                health.unavailable(e);
                try {
                    pause.sleep(Pause.backoff(tuning.sourceBackoffBase(), tuning.sourceBackoffMax(), failures));
                } catch (InterruptedException closing) {
                    return;
                }
            }
        }
    }

    /** Starts a reader for every listed shard that is not running or finished and whose parents are finished. */
    private void startReady(List<StreamSource.ShardInfo> shards) {
        Map<String, StreamSource.ShardInfo> listed = new HashMap<>();
        shards.forEach(s -> listed.put(s.shardId(), s));
        for (StreamSource.ShardInfo shard : shards) {
            String id = shard.shardId();
            if (running.contains(id) || finished.contains(id) || pause.closing()) {
                continue;
            }
            Set<String> parents = new HashSet<>();
            shard.parent().ifPresent(parents::add);
            shard.adjacentParent().ifPresent(parents::add);
            // A parent no longer listed has aged out of the stream: nothing of it is left to read.
            if (parents.stream().anyMatch(p -> listed.containsKey(p) && !finished.contains(p))) {
                continue;
            }
            // A child made by resharding after the start reads from its beginning with either position:
            // a timestamp before a shard existed starts at its oldest record.
            Position start = context.checkpoints().get(id).<Position>map(Position.AfterSequence::new).orElse(initial);
            running.add(id);
            LOG.info("mapping {}: reading shard {} from {}", settings.uuid(), id, start);
            workers.start("kinesis-" + id, () -> {
                try {
                    if (new ShardReader(id, start, source, context, pause, tuning, health, workers).run()) {
                        finished.add(id);
                    }
                } catch (RuntimeException e) {
                    // A checkpoint that could not be written: the shard is read again from its last one.
                    LOG.error("mapping {}: shard {} stopped; it is read again", settings.uuid(), id, e);
                    try {
                        pause.sleep(tuning.sourceBackoffMax());
                    } catch (InterruptedException closing) {
                        // closing
                    }
                } finally {
                    running.remove(id);
                    wake.release();
                }
            });
        }
    }

    @Override
    public void close() {
        pause.close();
        wake.release();
        workers.awaitEnd(tuning.closeWait());
    }
}
