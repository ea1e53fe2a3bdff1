package dev.lamina.invoke;

import dev.lamina.invoke.runtime.Launcher;
import dev.lamina.sandbox.NetworkMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The pool of stem cells: for each kind (runtime family and memory size) a few booted runtimes that
 * have loaded no function, so that a cold start only has to link the package in and run the
 * function's init. A cell is used once and never returns to the pool, so a pooled environment
 * carries no state, file or variable of anything that ran before it: it is as clean as a fresh one.
 *
 * <p>Sizing follows demand. Every kind named at start-up keeps at least one cell. A cold start that
 * finds no cell of its kind raises that kind's target by one (up to {@link #MAX_PER_KIND}); a kind
 * nobody asked for in {@link #IDLE_KIND} falls back to its floor, and its spare cells are stopped.
 * Cells hold memory claims like environments; they never evict environments to get one, and they
 * are the first to go when an environment needs the memory.
 */
final class StemCells implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StemCells.class);
    static final int MAX_PER_KIND = 2;
    /** How many cells the pool holds at most by default, across kinds. */
    static final int DEFAULT_MAX_CELLS = 8;
    static final int PARALLEL_BOOTS = 2;
    static final Duration IDLE_KIND = Duration.ofMinutes(10);
    /** How long after a cold start no cell boots, so that the start has the CPU to itself. */
    static final Duration QUIET_AFTER_TAKE = Duration.ofMillis(500);

    /** After this many cells of a kind in a row die before they ask for an assignment, the kind rests. */
    static final int FAILURES_BEFORE_REST = 3;
    static final Duration REST = Duration.ofMinutes(10);

    /** What the pool knows of one kind. */
    private static final class Demand {
        final int floor;
        int target;
        int failures;
        long restUntilNanos = System.nanoTime();
        long lastAskedNanos = System.nanoTime();
        final Deque<StemCell> cells = new ArrayDeque<>();
        int booting;

        Demand(int floor) {
            this.floor = floor;
            this.target = floor;
        }
    }

    private final Launcher launcher;
    private final Environments environments;
    private final EnvironmentPool pool;
    private final Path cellsDir;
    private final int maxCells;
    private final Map<StemCell.Kind, Demand> kinds = new HashMap<>();
    private int booting;
    private long quietUntilNanos = System.nanoTime();
    private boolean closed;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lamina-stem-cells").daemon().factory());

    /**
     * @param cellsDir where cells' task directories live (emptied at start: a crash leaves links behind)
     * @param initial  the kinds to keep at least one cell of from the start
     * @param maxCells the most cells the pool holds, across kinds; 0 for no stem cells at all
     */
    StemCells(Launcher launcher, Environments environments, EnvironmentPool pool, Path cellsDir,
              List<StemCell.Kind> initial, int maxCells) {
        this.launcher = launcher;
        this.environments = environments;
        this.pool = pool;
        this.cellsDir = cellsDir;
        this.maxCells = maxCells;
        TaskLinks.delete(cellsDir);
        for (StemCell.Kind kind : initial) {
            kinds.put(kind, new Demand(1));
        }
        loop.scheduleWithFixedDelay(() -> {
            try {
                refill();
            } catch (RuntimeException e) {
                LOG.error("refilling the stem-cell pool failed; trying again shortly", e); // the schedule goes on
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * A cell that can become an environment of {@code key}, taken out of the pool. Only a cell whose
     * runtime is up and asking for its assignment is handed out: a cell still booting may yet fail.
     * Empty when there is none (the caller starts a fresh environment, and the pool learns that
     * this kind is wanted).
     */
    Optional<StemCell> take(EnvironmentKey key) {
        Optional<StemCell.Kind> kind = StemCell.Kind.of(key);
        if (kind.isEmpty() || maxCells == 0) {
            return Optional.empty();
        }
        Optional<StemCell> taken;
        synchronized (this) {
            Demand d = kinds.computeIfAbsent(kind.get(), k -> new Demand(0));
            d.lastAskedNanos = System.nanoTime();
            d.cells.removeIf(c -> !c.process().isAlive());
            taken = d.cells.stream().filter(StemCell::waiting).findFirst();
            taken.ifPresent(d.cells::remove);
            if (taken.isEmpty() || d.cells.size() + d.booting == 0) {
                d.target = Math.min(MAX_PER_KIND, d.target + 1);
            }
            // A cell booting now would take CPU from the init this cold start is about to run.
            quietUntilNanos = System.nanoTime() + QUIET_AFTER_TAKE.toNanos();
        }
        return taken;
    }

    /** Stops every cell that is waiting in the pool, giving their memory back (an environment needs it). */
    void drain() {
        List<StemCell> stopped = new ArrayList<>();
        synchronized (this) {
            for (Demand d : kinds.values()) {
                stopped.addAll(d.cells);
                d.cells.clear();
            }
        }
        stopped.forEach(StemCells::stop);
    }

    /**
     * Cells ready in the pool now (booted and asking for an assignment), by kind ("nodejs:128", and
     * "nodejs:128:none" for cells of network mode none); kinds without a ready cell are left out.
     */
    synchronized Map<String, Integer> sizes() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        kinds.forEach((kind, d) -> {
            int ready = (int) d.cells.stream().filter(StemCell::waiting).count();
            if (ready > 0) {
                out.put(kind.family().name().toLowerCase(java.util.Locale.ROOT) + ":" + kind.memoryMb()
                        + (kind.network() == NetworkMode.EGRESS ? "" : ":" + kind.network().name()
                        .toLowerCase(java.util.Locale.ROOT)), ready);
            }
        });
        return out;
    }

    private void refill() {
        List<StemCell> surplus = new ArrayList<>();
        List<StemCell.Kind> toBoot = new ArrayList<>();
        synchronized (this) {
            if (closed || System.nanoTime() < quietUntilNanos) {
                return;
            }
            int total = kinds.values().stream().mapToInt(d -> d.cells.size() + d.booting).sum();
            for (Map.Entry<StemCell.Kind, Demand> entry : kinds.entrySet()) {
                Demand d = entry.getValue();
                for (StemCell c : d.cells) {
                    if (c.failedToBoot()) {
                        d.failures++;
                    } else if (c.waiting()) {
                        d.failures = 0; // this kind boots fine
                    }
                }
                d.cells.removeIf(c -> !c.process().isAlive());
                if (d.failures >= FAILURES_BEFORE_REST) {
                    // A runtime that cannot boot here (a JDK too old for the launcher, say) is not retried in a loop.
                    LOG.warn("{} MB {} stem cells die before they are ready; none for {} minutes", entry.getKey()
                            .memoryMb(), entry.getKey().family(), REST.toMinutes());
                    d.failures = 0;
                    d.restUntilNanos = System.nanoTime() + REST.toNanos();
                }
                if (System.nanoTime() < d.restUntilNanos) {
                    continue;
                }
                if (System.nanoTime() - d.lastAskedNanos > IDLE_KIND.toNanos()) {
                    d.target = d.floor;
                }
                while (d.cells.size() > d.target) {
                    surplus.add(d.cells.pollLast());
                }
                while (d.cells.size() + d.booting < d.target && total < maxCells && booting < PARALLEL_BOOTS) {
                    d.booting++;
                    booting++;
                    total++;
                    toBoot.add(entry.getKey());
                }
            }
        }
        surplus.forEach(StemCells::stop);
        for (StemCell.Kind kind : toBoot) {
            Thread.ofVirtual().name("lamina-cell-" + kind.family()).start(() -> boot(kind));
        }
    }

    private void boot(StemCell.Kind kind) {
        StemCell cell = null;
        try {
            cell = start(kind);
        } catch (NoRoom e) {
            LOG.debug("no {} MB {} stem cell for now: {}", kind.memoryMb(), kind.family(), e.getMessage());
        } catch (Exception e) {
            LOG.warn("a {} MB {} stem cell did not start: {}", kind.memoryMb(), kind.family(), e.toString());
        }
        boolean keep;
        synchronized (this) {
            Demand d = kinds.get(kind);
            d.booting--;
            booting--;
            keep = cell != null && !closed;
            if (keep) {
                d.cells.addLast(cell);
            }
        }
        if (cell != null && !keep) {
            stop(cell);
        }
    }

    /** Boots one cell, if the memory budget has room for it without evicting anything. */
    private StemCell start(StemCell.Kind kind) throws Exception {
        Optional<EnvironmentPool.Claim> claim = pool.claimSpare(kind.memoryMb());
        if (claim.isEmpty()) {
            throw new NoRoom("the memory budget has no room for a spare " + kind.memoryMb() + " MB cell");
        }
        Path dir = cellsDir.resolve(java.util.UUID.randomUUID().toString());
        try {
            Path task = TaskLinks.create(dir);
            Launcher.Launch launch = launcher.cell(kind.family(), task, kind.memoryMb())
                    .orElseThrow(() -> new IOException("no interpreter for " + kind.family()));
            StemCell cell = environments.startCell(kind, launch, task, claim.get());
            // An unused cell that ends (stopped, or crashed) gives back everything it held.
            cell.process().onExit().whenComplete((status, error) -> {
                if (!cell.channel().cell().orElseThrow().assigned()) {
                    release(cell, dir);
                }
            });
            return cell;
        } catch (Exception e) {
            claim.get().release();
            TaskLinks.delete(dir);
            throw e;
        }
    }

    /** The memory budget is taken by environments: expected under load, and no reason to warn. */
    private static final class NoRoom extends IOException {
        NoRoom(String message) {
            super(message);
        }
    }

    private void release(StemCell cell, Path dir) {
        environments.closeEndpoint(cell.link());
        cell.claim().release();
        TaskLinks.delete(dir);
    }

    /** Stops a spare cell; its memory is free at once, whenever its processes end. */
    private static void stop(StemCell cell) {
        cell.claim().release();
        cell.channel().close();
        cell.process().terminate(Environment.SHUTDOWN_GRACE);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        synchronized (this) {
            closed = true;
        }
        drain();
    }
}
