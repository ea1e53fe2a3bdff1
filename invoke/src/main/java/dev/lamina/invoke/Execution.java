package dev.lamina.invoke;

import dev.lamina.logs.LogStore;
import dev.lamina.invoke.runtime.Interpreters;
import dev.lamina.invoke.runtime.Launcher;
import dev.lamina.invoke.runtime.RuntimeFiles;
import dev.lamina.sandbox.Sandbox;
import dev.lamina.store.Store;
import dev.lamina.store.code.CodeStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The execution side, wired: the Runtime API server, the log store, the environment pool, stem
 * cells, the concurrency limits, provisioned concurrency and the Invoker. Built once by the composition root;
 * closing it stops every environment.
 */
public final class Execution implements AutoCloseable {
    private final RuntimeApiServer runtimeApi;
    private final LogStore logs;
    private final EnvironmentPool pool;
    private final StemCells cells;
    private final Provisioner provisioner;
    private final Concurrency concurrency = new Concurrency();
    private final Invoker invoker;

    /**
     * @param runtimesDir where the bundled runtimes are extracted ({@code <data dir>/runtimes})
     * @param logs        where function output goes (its owner closes it, after this)
     * @param cellsDir    where stem cells' task directories are made ({@code <data dir>/cells})
     * @param observer    told about every invocation (metrics, traces, usage)
     */
    public Execution(InvokeSettings settings, Store store, CodeStore code, Sandbox sandbox, Interpreters interpreters,
                     CredentialIssuer credentials, Path runtimesDir, LogStore logs, Path cellsDir,
                     InvocationObserver observer, Clock clock)
            throws Exception {
        this.runtimeApi = new RuntimeApiServer("127.0.0.1");
        this.logs = logs;
        KeepAlive keepAlive = settings.learnedKeepAlive()
                ? new LearnedKeepAlive(min(InvokeSettings.LEARNED_KEEP_ALIVE_FLOOR, settings.keepAlive()),
                        settings.keepAlive(), System::nanoTime)
                : KeepAlive.fixed(settings.keepAlive());
        this.pool = new EnvironmentPool(settings.memoryBudgetMb(), keepAlive);
        Launcher launcher = new Launcher(interpreters, RuntimeFiles.extract(runtimesDir));
        Environments environments = new Environments(sandbox, runtimeApi, logs, settings, credentials, clock);
        Targets targets = new Targets(store, settings.region(), settings.account(), settings.accountConcurrency(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.cells = new StemCells(launcher, environments, pool, cellsDir, settings.prewarm().stream()
                .map(p -> new StemCell.Kind(p.family(), p.memoryMb())).toList(), settings.maxStemCells());
        ColdStarts coldStarts = new ColdStarts(launcher, environments, pool, cells, code, settings);
        this.provisioner = new Provisioner(store, targets, coldStarts, pool);
        this.invoker = new Invoker(targets, concurrency, coldStarts, pool, keepAlive, observer, clock);
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public Invoker invoker() {
        return invoker;
    }

    /** Provisioned concurrency: tell it when a configuration changed; ask it how far one is. */
    public Provisioner provisioner() {
        return provisioner;
    }

    /** Where function logs are kept, for reading them back. */
    public LogStore logs() {
        return logs;
    }

    /** The stem cells waiting in the pool, by kind ("nodejs:128"). */
    public java.util.Map<String, Integer> stemCells() {
        return cells.sizes();
    }

    /** The memory environments and stem cells have claimed, and the budget they claim it from. */
    public record Memory(long claimedMb, long budgetMb) {
    }

    public Memory memory() {
        return new Memory(pool.claimedMb(), pool.budgetMb());
    }

    /** How many environments are alive. */
    public int environments() {
        return pool.size();
    }

    /** How many environments are alive, by lifecycle state ("idle", "invoking", ...); states with none are left out. */
    public java.util.Map<String, Integer> environmentsByState() {
        return pool.countByState();
    }

    /** The invocations running now (their inits included), by function; functions with none are left out. */
    public java.util.Map<dev.lamina.model.FunctionName, Integer> concurrentExecutions() {
        return concurrency.runningByFunction();
    }

    @Override
    public void close() throws Exception {
        provisioner.close();
        cells.close();
        pool.close();
        runtimeApi.close();
    }
}
