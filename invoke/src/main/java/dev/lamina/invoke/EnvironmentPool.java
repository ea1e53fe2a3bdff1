package dev.lamina.invoke;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Warm environments waiting for their next invocation, by {@link EnvironmentKey}: an environment
 * is only ever reused for exactly the version it was started for. Idle environments are stopped
 * after the keep-alive. (Concurrency limits and memory budgets build on this pool later.)
 */
final class EnvironmentPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentPool.class);

    private final Duration keepAlive;
    private final Map<EnvironmentKey, Deque<Environment>> idle = new HashMap<>();
    private final Set<Environment> all = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lamina-env-reaper").daemon().factory());

    EnvironmentPool(Duration keepAlive) {
        this.keepAlive = keepAlive;
        long period = Math.max(100, Math.min(1000, keepAlive.toMillis() / 2));
        reaper.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }

    /** Registers a new environment; it is in use by its starter. */
    void adopt(Environment environment) {
        all.add(environment);
        environment.onExit().whenComplete((s, e) -> forget(environment));
    }

    /** The most recently used idle environment for exactly this version, if any. */
    synchronized Optional<Environment> take(EnvironmentKey key) {
        Deque<Environment> q = idle.get(key);
        while (q != null && !q.isEmpty()) {
            Environment e = q.pollFirst(); // last in, first out: the warmest one
            if (e.state() == EnvironmentState.IDLE) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Returns an environment after an invocation; one that is not IDLE any more is dropped. */
    synchronized void giveBack(Environment environment) {
        if (environment.state() == EnvironmentState.IDLE) {
            idle.computeIfAbsent(environment.key(), k -> new ArrayDeque<>()).addFirst(environment);
        }
    }

    private synchronized void forget(Environment environment) {
        all.remove(environment);
        Deque<Environment> q = idle.get(environment.key());
        if (q != null) {
            q.remove(environment);
            if (q.isEmpty()) {
                idle.remove(environment.key());
            }
        }
    }

    /** Stops environments idle for longer than the keep-alive. */
    void reap() {
        List<Environment> expired = new ArrayList<>();
        synchronized (this) {
            for (Deque<Environment> q : idle.values()) {
                q.removeIf(e -> {
                    boolean old = e.idleNanos() > keepAlive.toNanos();
                    if (old) {
                        expired.add(e);
                    }
                    return old;
                });
            }
            idle.values().removeIf(Deque::isEmpty);
        }
        for (Environment e : expired) {
            LOG.debug("stopping idle environment {} of {}", e.id(), e.key().function());
            e.stop();
        }
    }

    /** Every environment alive, idle or not. */
    int size() {
        return all.size();
    }

    /** Stops every environment and waits, briefly, for them to end. */
    @Override
    public void close() {
        reaper.shutdownNow();
        List<Environment> everyone = new ArrayList<>(all);
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
