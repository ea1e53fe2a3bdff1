package dev.lamina.events.esm;

import dev.lamina.invoke.Invoker;
import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Region;
import dev.lamina.store.Store;
import dev.lamina.store.mappings.StoredMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs one poller per enabled mapping. A reconciler: the store says what each mapping should be
 * (its state and settings), the supervisor closes and starts pollers to match, then moves each
 * mapping out of its transitional state (Creating, Enabling, Updating → Enabled; Disabling →
 * Disabled; Deleting → removed). It runs at once after every API change and every second, so a
 * crash anywhere leaves nothing stuck: at the next start, Enabled mappings get their pollers again
 * and transitional ones finish their transition.
 *
 * <p>A mapping whose source no factory reads (DynamoDB Streams) settles as Disabled, saying why. A
 * factory that fails to make a poller is tried again with backoff while the mapping shows Enabled.
 */
public final class MappingSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MappingSupervisor.class);
    static final Duration ROUND = Duration.ofSeconds(1);
    static final Duration STATUS_FLUSH = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);
    static final String NO_POLLER = "Lamina has no poller for this event source";
    static final String NO_DYNAMODB = "Lamina does not read DynamoDB Streams: they need a DynamoDB-compatible server"
            + " with streams, which Lamina does not include";

    private record Running(SourcePoller poller) {
    }

    private record Retry(Instant at, Duration delay) {
    }

    private final Store store;
    private final EventSourceMappings mappings;
    private final List<PollerFactory> factories;
    private final Invoker invoker;
    private final QueueTarget queues;
    private final Region region;
    private final AccountId account;
    private final InstantSource clock;
    private final StatusBoard status = new StatusBoard();
    private final Map<String, Running> running = new HashMap<>();
    private final Map<String, Retry> retries = new HashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean closed;
    private Thread thread;
    private Instant lastFlush = Instant.EPOCH;

    public MappingSupervisor(Store store, EventSourceMappings mappings, List<PollerFactory> factories, Invoker invoker,
                             QueueTarget queues, Region region, AccountId account, InstantSource clock) {
        this.store = store;
        this.mappings = mappings;
        this.factories = List.copyOf(factories);
        this.invoker = invoker;
        this.queues = queues;
        this.region = region;
        this.account = account;
        this.clock = clock;
        mappings.onChange(wake::release);
        mappings.statusView(status::current);
    }

    /** Starts supervising (after the server is ready, so pollers' functions can be invoked). */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("lamina-esm-supervisor").daemon().start(this::loop);
        }
    }

    private void loop() {
        while (!closed) {
            try {
                reconcile();
            } catch (RuntimeException e) {
                LOG.error("event source mappings: a reconciliation failed; trying again shortly", e);
            }
            try {
                wake.tryAcquire(ROUND.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pass: pollers to match the store, transitions written. Package-private for tests. */
    synchronized void reconcile() {
        List<StoredMapping> rows = store.read(tx -> tx.mappings().all());
        Set<String> seen = new HashSet<>();
        for (StoredMapping row : rows) {
            seen.add(row.uuid());
            if (closed) {
                return;
            }
            Mapping m = mappings.mapping(row);
            switch (m.state()) {
                case ENABLED -> ensureRunning(m);
                case DISABLED -> stop(m.uuid());
                case CREATING, ENABLING, UPDATING -> {
                    stop(m.uuid());
                    status.reset(m.uuid(), m.lastProcessingResult(), m.stateTransitionReason());
                    if (!m.config().enabled()) {
                        settle(m, MappingState.Event.POLLER_STOPPED, Mapping.USER_INITIATED);
                    } else if (factory(m).isEmpty()) {
                        settle(m, MappingState.Event.POLLER_STOPPED,
                                m.config().sourceKind() == MappingConfig.SourceKind.DYNAMODB_STREAMS ? NO_DYNAMODB : NO_POLLER);
                    } else {
                        start(m);
                        settle(m, MappingState.Event.POLLER_STARTED, Mapping.USER_INITIATED);
                    }
                }
                case DISABLING -> {
                    stop(m.uuid());
                    settle(m, MappingState.Event.POLLER_STOPPED, Mapping.USER_INITIATED);
                }
                case DELETING -> {
                    stop(m.uuid());
                    store.write(tx -> tx.mappings().delete(m.uuid()));
                    status.forget(m.uuid());
                    retries.remove(m.uuid());
                }
                case DELETED -> throw new IllegalStateException("a deleted mapping is never stored: " + m.uuid());
            }
        }
        for (String uuid : Set.copyOf(running.keySet())) {
            if (!seen.contains(uuid)) {
                stop(uuid);
            }
        }
        Instant now = clock.instant();
        if (Duration.between(lastFlush, now).compareTo(STATUS_FLUSH) >= 0) {
            status.flush(store);
            lastFlush = now;
        }
    }

    /** Writes the transition, unless the mapping changed meanwhile (then the next pass sees it). */
    private void settle(Mapping m, MappingState.Event event, String reason) {
        MappingState to = m.state().on(event);
        store.write(tx -> {
            Optional<StoredMapping> now = tx.mappings().find(m.uuid());
            if (now.isPresent() && now.get().state().equals(m.state().name())) {
                tx.mappings().update(now.get().withState(to.name(), reason));
            }
            return null;
        });
        status.reset(m.uuid(), m.lastProcessingResult(), reason);
    }

    private void ensureRunning(Mapping m) {
        if (running.containsKey(m.uuid())) {
            return;
        }
        Retry retry = retries.get(m.uuid());
        if (retry != null && clock.instant().isBefore(retry.at())) {
            return;
        }
        start(m);
    }

    private Optional<PollerFactory> factory(Mapping m) {
        MappingSettings probe = Settings.of(m, "", region);
        return factories.stream().filter(f -> f.handles(probe)).findFirst();
    }

    private void start(Mapping m) {
        Optional<PollerFactory> factory = factory(m);
        if (factory.isEmpty()) {
            return;
        }
        try {
            FunctionRef function = FunctionRef.parse(m.config().functionArn(), region, account);
            String role = store.read(tx -> new FunctionLookup(region, account).resolve(tx, m.config().functionArn()).role());
            MappingSettings settings = Settings.of(m, role, region);
            MappingStatus reports = status.forMapping(m.uuid(), m.lastProcessingResult(), m.stateTransitionReason());
            PollerContext context = new Context(settings, new InvokerBatchInvoker(invoker, function), reports,
                    new StoreCheckpoints(store, m.uuid()), new QueueFailureDestination(queues, settings.onFailureDestinationArn()),
                    clock);
            SourcePoller poller = factory.get().create(context);
            poller.start();
            running.put(m.uuid(), new Running(poller));
            retries.remove(m.uuid());
            LOG.info("event source mapping {} polls {} for {}", m.uuid(),
                    m.config().eventSourceArn().orElse("Kafka " + m.config().topics()), m.config().functionArn());
        } catch (RuntimeException e) {
            Retry last = retries.get(m.uuid());
            Duration delay = last == null ? ROUND : last.delay().multipliedBy(2);
            delay = delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
            retries.put(m.uuid(), new Retry(clock.instant().plus(delay), delay));
            status.forMapping(m.uuid(), m.lastProcessingResult(), m.stateTransitionReason())
                    .sourceUnavailable("the poller could not start: " + e.getMessage());
            LOG.warn("event source mapping {}: its poller could not start; trying again in {}", m.uuid(), delay, e);
        }
    }

    private void stop(String uuid) {
        Running r = running.remove(uuid);
        if (r != null) {
            try {
                r.poller().close();
            } catch (RuntimeException e) {
                LOG.warn("event source mapping {}: closing its poller failed", uuid, e);
            }
        }
    }

    /** Pollers running now, by mapping. */
    synchronized Set<String> runningMappings() {
        return Set.copyOf(running.keySet());
    }

    /** Stops every poller (in flight batches end, bounded) and writes the last statuses. */
    @Override
    public void close() {
        closed = true;
        wake.release();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            running.values().parallelStream().forEach(r -> {
                try {
                    r.poller().close();
                } catch (RuntimeException e) {
                    LOG.warn("closing a poller failed", e);
                }
            });
            running.clear();
            status.flush(store);
        }
    }

    private record Context(MappingSettings settings, BatchInvoker invoker, MappingStatus status, Checkpoints checkpoints,
                           FailureDestination onFailure, InstantSource clock) implements PollerContext {
    }
}
