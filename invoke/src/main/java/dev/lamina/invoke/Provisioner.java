package dev.lamina.invoke;

import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.model.ProvisionedConcurrencyConfig;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Provisioned concurrency: for every stored configuration, that many initialised environments of
 * the version it names (for an alias, the version the alias points to), started with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency}, kept warm, and replaced when they
 * end. Invocations take them before anything else (the pool prefers them); beyond them, invocations
 * spill over to on-demand environments.
 *
 * <p>A reconciler: whenever told that a configuration changed, and once a second, it compares what
 * the store asks for with what runs and starts or retires environments to close the gap. Nothing
 * it holds needs saving: after a restart it provisions again from the store.
 */
public final class Provisioner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    /** Environments initialising at once for provisioned concurrency, across the node. */
    static final int PARALLEL_STARTS = 4;

    /**
     * What GetProvisionedConcurrencyConfig reports besides the request.
     *
     * @param status IN_PROGRESS, READY or FAILED
     */
    public record Status(int allocated, int available, String status, Optional<String> reason) {
    }

    /** The environments of one configuration, identified by function and qualifier. */
    private static final class Group {
        EnvironmentKey key;
        Instant lastModified;
        final Set<Environment> environments = new HashSet<>();
        int starting;
        Optional<String> failure = Optional.empty();

        /** Environments of the current key that are initialised and not going away. */
        int ready() {
            return (int) environments.stream().filter(e -> e.key().equals(key)
                    && (e.state() == EnvironmentState.IDLE || e.state() == EnvironmentState.INVOKING)).count();
        }
    }

    private record Id(FunctionName function, Qualifier qualifier) {
    }

    private final Store store;
    private final Targets targets;
    private final ColdStarts coldStarts;
    private final EnvironmentPool pool;
    private final Map<Id, Group> groups = new HashMap<>();
    private int starting;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lamina-provisioner").daemon().factory());

    Provisioner(Store store, Targets targets, ColdStarts coldStarts, EnvironmentPool pool) {
        this.store = store;
        this.targets = targets;
        this.coldStarts = coldStarts;
        this.pool = pool;
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 0, 1, TimeUnit.SECONDS);
    }

    /** A configuration was put or deleted: reconcile now rather than within the second. */
    public void changed() {
        loop.execute(this::reconcileQuietly);
    }

    /** How far the environments of a stored configuration are. */
    public synchronized Status status(ProvisionedConcurrencyConfig config) {
        Group g = groups.get(new Id(config.function(), config.qualifier()));
        if (g == null || !config.lastModified().equals(g.lastModified)) {
            return new Status(0, 0, "IN_PROGRESS", Optional.empty());
        }
        int ready = Math.min(g.ready(), config.requested());
        if (g.failure.isPresent()) {
            return new Status(ready, ready, "FAILED", g.failure);
        }
        return new Status(ready, ready, ready >= config.requested() ? "READY" : "IN_PROGRESS", Optional.empty());
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.error("provisioned concurrency could not be reconciled; retrying within a second", e);
        }
    }

    private void reconcile() {
        List<ProvisionedConcurrencyConfig> wanted = store.read(tx -> tx.provisionedConcurrency().all());
        Set<Id> seen = new HashSet<>();
        for (ProvisionedConcurrencyConfig config : wanted) {
            Id id = new Id(config.function(), config.qualifier());
            seen.add(id);
            Optional<EnvironmentKey> key = resolve(config);
            synchronized (this) {
                Group g = groups.computeIfAbsent(id, i -> new Group());
                if (!config.lastModified().equals(g.lastModified)) {
                    g.lastModified = config.lastModified();
                    g.failure = Optional.empty(); // a new request gets a new try
                }
                if (key.isEmpty()) {
                    continue; // the version is not ready yet (or has just gone): wait
                }
                g.key = key.get(); // an alias may have moved: adjust retires the old version's environments
                adjust(id, g, config.requested());
            }
        }
        synchronized (this) {
            groups.entrySet().removeIf(entry -> {
                if (seen.contains(entry.getKey())) {
                    return false;
                }
                retireAll(entry.getValue());
                return entry.getValue().environments.isEmpty() && entry.getValue().starting == 0;
            });
        }
    }

    /** The environment key a configuration provisions, or empty while its version cannot be invoked. */
    private Optional<EnvironmentKey> resolve(ProvisionedConcurrencyConfig config) {
        try {
            return Optional.of(targets.resolvePrimary(config.function(), config.qualifier()).key());
        } catch (LambdaException e) {
            return Optional.empty();
        }
    }

    /** Starts or retires environments so that {@code requested} of the group's key are ready or on their way. */
    private void adjust(Id id, Group g, int requested) {
        g.environments.removeIf(e -> e.state().isFinal() || e.state() == EnvironmentState.STOPPING);
        for (Environment e : List.copyOf(g.environments)) {
            if (!e.key().equals(g.key) && e.state() == EnvironmentState.IDLE) {
                g.environments.remove(e); // of a version the configuration no longer names
                pool.retire(e);
            }
        }
        long current = g.environments.stream().filter(e -> e.key().equals(g.key)).count();
        long surplus = current + g.starting - requested;
        for (Environment e : List.copyOf(g.environments)) {
            if (surplus > 0 && e.key().equals(g.key) && e.state() == EnvironmentState.IDLE) {
                g.environments.remove(e);
                pool.retire(e);
                surplus--;
            }
        }
        while (g.failure.isEmpty() && surplus < 0 && starting < PARALLEL_STARTS) {
            startOne(id, g, g.key);
            surplus++;
        }
    }

    private void startOne(Id id, Group g, EnvironmentKey key) {
        g.starting++;
        starting++;
        Thread.ofVirtual().name("lamina-provision-" + key.function().value()).start(() -> {
            ColdStarts.Outcome outcome;
            try {
                outcome = coldStarts.provisioned(key);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = new ColdStarts.Outcome.Failed(FunctionError.of("Lamina.Stopped", "Lamina is stopping"));
            } catch (RuntimeException e) {
                LOG.error("provisioning an environment of {} failed", key.function(), e);
                outcome = new ColdStarts.Outcome.Failed(FunctionError.of("Runtime.Unknown", String.valueOf(e)));
            }
            synchronized (this) {
                g.starting--;
                starting--;
                switch (outcome) {
                    case ColdStarts.Outcome.Ready ready -> {
                        if (groups.get(id) == g && key.equals(g.key)) {
                            g.environments.add(ready.environment());
                        } else {
                            pool.retire(ready.environment()); // the configuration moved on meanwhile
                        }
                    }
                    case ColdStarts.Outcome.Failed failed -> {
                        g.failure = Optional.of(reason(failed.error()));
                        LOG.warn("provisioned concurrency for {} failed: {}", key.function(), g.failure.get());
                    }
                }
            }
            changed();
        });
    }

    /** AWS's StatusReason for a failed configuration. */
    private static String reason(FunctionError error) {
        String cause = switch (error.errorType()) {
            case "Lamina.MemoryBudget" -> "Lamina's memory budget is exhausted";
            case "Sandbox.Timedout" -> "FUNCTION_ERROR_INIT_TIMEOUT";
            default -> "FUNCTION_ERROR_INIT_FAILURE (" + error.errorType() + ")";
        };
        return "Provisioned concurrency configuration failed to be applied. Reason: " + cause;
    }

    /** Retires every idle environment of the group; busy ones are retired once they are idle again. */
    private void retireAll(Group g) {
        for (Environment e : List.copyOf(g.environments)) {
            if (e.state() != EnvironmentState.INVOKING) {
                g.environments.remove(e);
                pool.retire(e);
            }
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
