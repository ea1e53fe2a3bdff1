package dev.lamina.invoke;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every execution environment of this node, and the host memory they may take.
 *
 * <p>Idle environments wait by {@link EnvironmentKey}: one is only ever reused for exactly the
 * version it was started for, provisioned ones first. Each live environment holds a memory claim of
 * its function's MemorySize against the node's budget; a new environment that does not fit first
 * evicts idle on-demand environments of other versions, least recently used first, and only when
 * that is not enough is it refused. Idle on-demand environments are stopped when the keep-alive
 * policy says so; provisioned ones stay until their configuration lets them go.
 */
final class EnvironmentPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentPool.class);

    /** How long after a cold start the environments it made room by stopping are stopped. */
    static final Duration STOP_DELAY = Duration.ofMillis(500);

    private final long budgetMb;
    private final KeepAlive keepAlive;
    private final Map<EnvironmentKey, Deque<Environment>> idle = new HashMap<>();
    private final Map<EnvironmentKey, Deque<Environment>> idleProvisioned = new HashMap<>();
    private final Map<Environment, Claim> live = new HashMap<>();
    /** Provisioned environments no longer wanted that were busy when that was decided. */
    private final java.util.Set<Environment> retiring = new java.util.HashSet<>();
    private long claimedMb;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lamina-env-reaper").daemon().factory());

    /** Memory set aside for one environment; released once, when the environment ends or is evicted. */
    final class Claim {
        private final int mb;
        private boolean released;

        private Claim(int mb) {
            this.mb = mb;
        }

        void release() {
            synchronized (EnvironmentPool.this) {
                if (!released) {
                    released = true;
                    claimedMb -= mb;
                }
            }
        }
    }

    /**
     * @param budgetMb  the memory all environments together may be given, in MB
     * @param keepAlive how long idle on-demand environments are kept
     */
    EnvironmentPool(long budgetMb, KeepAlive keepAlive) {
        this.budgetMb = budgetMb;
        this.keepAlive = keepAlive;
        long period = Math.max(100, Math.min(1000, keepAlive.shortest().toMillis() / 2));
        reaper.scheduleWithFixedDelay(() -> {
            try {
                reap();
            } catch (RuntimeException e) {
                LOG.error("reaping idle environments failed; trying again shortly", e); // the schedule goes on
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Sets aside memory for a new environment of {@code key}, evicting idle environments of other
     * keys when the budget is short. Empty when even that cannot make room.
     */
    Optional<Claim> claim(EnvironmentKey key) {
        int mb = key.config().memorySize();
        List<Environment> evicted = new ArrayList<>();
        Optional<Claim> claim;
        synchronized (this) {
            while (claimedMb + mb > budgetMb) {
                Optional<Environment> victim = leastRecentlyUsedIdle(key);
                if (victim.isEmpty()) {
                    break;
                }
                Environment e = victim.get();
                idle.get(e.key()).remove(e);
                live.get(e).release();
                evicted.add(e);
            }
            idle.values().removeIf(Deque::isEmpty);
            if (claimedMb + mb > budgetMb) {
                claim = Optional.empty();
            } else {
                claimedMb += mb;
                claim = Optional.of(new Claim(mb));
            }
        }
        for (Environment e : evicted) {
            LOG.debug("evicting idle environment {} of {} to make room for {}", e.id(), e.key().function(),
                    key.function());
        }
        stopLater(evicted);
        return claim;
    }

    /** Sets aside memory for a spare stem cell, only if the budget has room without evicting anything. */
    synchronized Optional<Claim> claimSpare(int mb) {
        if (claimedMb + mb > budgetMb) {
            return Optional.empty();
        }
        claimedMb += mb;
        return Optional.of(new Claim(mb));
    }

    private Optional<Environment> leastRecentlyUsedIdle(EnvironmentKey except) {
        return idle.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(except))
                .flatMap(entry -> entry.getValue().stream())
                .max(Comparator.comparingLong(Environment::idleNanos));
    }

    /** Registers a new environment, started under {@code claim}; it is in use by its starter. */
    void adopt(Environment environment, Claim claim) {
        synchronized (this) {
            live.put(environment, claim);
        }
        environment.onExit().whenComplete((s, e) -> forget(environment));
    }

    /** An idle environment for exactly this version, if any: provisioned first, then the warmest. */
    synchronized Optional<Environment> take(EnvironmentKey key) {
        Optional<Environment> provisioned = poll(idleProvisioned, key);
        return provisioned.isPresent() ? provisioned : poll(idle, key);
    }

    private Optional<Environment> poll(Map<EnvironmentKey, Deque<Environment>> from, EnvironmentKey key) {
        Deque<Environment> q = from.get(key);
        while (q != null && !q.isEmpty()) {
            Environment e = q.pollFirst(); // last in, first out: the warmest one
            if (e.mustRetire()) {
                stopLater(List.of(e)); // its credentials would expire during the invocation
            } else if (e.state() == EnvironmentState.IDLE) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Returns an environment after an invocation or its init; one that is not IDLE any more is dropped. */
    synchronized void giveBack(Environment environment) {
        if (retiring.remove(environment)) {
            stopLater(List.of(environment));
            return;
        }
        if (environment.state() == EnvironmentState.IDLE && live.containsKey(environment)) {
            (environment.provisioned() ? idleProvisioned : idle)
                    .computeIfAbsent(environment.key(), k -> new ArrayDeque<>()).addFirst(environment);
        }
    }

    private void forget(Environment environment) {
        Claim claim;
        synchronized (this) {
            claim = live.remove(environment);
            retiring.remove(environment);
            for (Map<EnvironmentKey, Deque<Environment>> map : List.of(idle, idleProvisioned)) {
                Deque<Environment> q = map.get(environment.key());
                if (q != null) {
                    q.remove(environment);
                    if (q.isEmpty()) {
                        map.remove(environment.key());
                    }
                }
            }
        }
        if (claim != null) {
            claim.release();
        }
    }

    /**
     * Stops the idle environments of {@code key}'s function and version that run other code or
     * another configuration: after an update of $LATEST they can never serve again, so their memory
     * is given back now rather than at the end of their keep-alive.
     */
    void retireSuperseded(EnvironmentKey key) {
        List<Environment> superseded = new ArrayList<>();
        synchronized (this) {
            for (var entry : idle.entrySet()) {
                EnvironmentKey k = entry.getKey();
                if (!k.equals(key) && k.function().equals(key.function()) && k.version().equals(key.version())) {
                    for (Environment e : entry.getValue()) {
                        live.get(e).release();
                        superseded.add(e);
                    }
                    entry.getValue().clear();
                }
            }
            idle.values().removeIf(Deque::isEmpty);
        }
        stopLater(superseded);
    }

    /**
     * Stops environments off the caller's thread, a moment later: a cold start is waiting, and its
     * init should not share the CPU with the runtimes shutting down. Their memory is free already.
     */
    private void stopLater(List<Environment> environments) {
        if (!environments.isEmpty()) {
            reaper.schedule(() -> environments.forEach(Environment::stop), STOP_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops an environment now, idle or not, and forgets it (provisioned concurrency that is no longer wanted). */
    void retire(Environment environment) {
        synchronized (this) {
            Deque<Environment> q = idleProvisioned.get(environment.key());
            boolean wasIdle = q != null && q.remove(environment);
            if (!wasIdle && live.containsKey(environment) && !environment.state().isFinal()) {
                // Taken by an invocation meanwhile, or still being started: it stops when given back.
                retiring.add(environment);
                return;
            }
        }
        environment.stop();
    }

    /** Stops idle on-demand environments the keep-alive policy no longer keeps, and any whose credentials expire soon. */
    void reap() {
        List<Environment> expired = new ArrayList<>();
        synchronized (this) {
            for (Deque<Environment> q : idle.values()) {
                q.removeIf(e -> {
                    boolean old = e.idleNanos() > keepAlive.ttl(e.key().function()).toNanos() || e.mustRetire();
                    if (old) {
                        expired.add(e);
                    }
                    return old;
                });
            }
            idle.values().removeIf(Deque::isEmpty);
            // Provisioned environments are kept however long they idle, but not past their credentials;
            // the provisioner starts their replacements.
            for (Deque<Environment> q : idleProvisioned.values()) {
                q.removeIf(e -> e.mustRetire() && expired.add(e));
            }
            idleProvisioned.values().removeIf(Deque::isEmpty);
        }
        for (Environment e : expired) {
            LOG.debug("stopping idle environment {} of {}", e.id(), e.key().function());
            e.stop();
        }
    }

    /** Every environment alive, idle or not. */
    synchronized int size() {
        return live.size();
    }

    /** Live environments by state, named in lower case; for gauges read now and then. */
    synchronized Map<String, Integer> countByState() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Environment e : live.keySet()) {
            out.merge(e.state().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        return out;
    }

    /** The memory claimed by live environments, in MB. */
    synchronized long claimedMb() {
        return claimedMb;
    }

    long budgetMb() {
        return budgetMb;
    }

    /** Stops every environment and waits, briefly, for them to end. */
    @Override
    public void close() {
        reaper.shutdownNow();
        List<Environment> everyone;
        synchronized (this) {
            everyone = new ArrayList<>(live.keySet());
        }
        everyone.forEach(Environment::stop);
        for (Environment e : everyone) {
            try {
                e.onExit().get(Environment.SHUTDOWN_GRACE.toMillis() + 2000, TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                e.kill();
            }
        }
    }
}
