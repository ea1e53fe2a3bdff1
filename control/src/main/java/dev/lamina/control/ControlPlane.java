package dev.lamina.control;

import dev.lamina.store.Store;
import dev.lamina.store.code.CodeStore;

import java.time.InstantSource;
import java.util.HashSet;
import java.util.concurrent.Executor;

/**
 * The control plane's operations, wired together. Built once by the composition root; the edge
 * calls the services it exposes.
 */
public final class ControlPlane {
    private final Functions functions;
    private final FunctionUpdates updates;
    private final Aliases aliases;
    private final Tags tags;
    private final Account account;
    private final ProvisionedConcurrency provisionedConcurrency;
    private final EventInvokeConfigs eventInvokeConfigs;
    private final RecursionConfigs recursionConfigs;
    private final Permissions permissions;
    private final FunctionUrlConfigs functionUrls;
    private final Deployer deployer;
    private final Store store;
    private final CodeStore code;

    /**
     * @param preparation runs background preparation of versions (unpacking packages)
     */
    public ControlPlane(ControlSettings settings, Store store, CodeStore code, Executor preparation,
                        InstantSource clock) {
        this.store = store;
        this.code = code;
        Resolver resolver = new Resolver(settings);
        FunctionConfigRules rules = new FunctionConfigRules(settings.hostArchitecture());
        PackageCollector packages = new PackageCollector(store, code);
        this.deployer = new Deployer(store, code, preparation, packages);
        this.functions = new Functions(store, code, deployer, resolver, rules, settings, clock, packages);
        this.updates = new FunctionUpdates(store, code, deployer, resolver, rules, functions, clock, packages);
        this.aliases = new Aliases(store, resolver);
        this.tags = new Tags(store, resolver, settings);
        this.account = new Account(store, resolver, settings);
        this.provisionedConcurrency = new ProvisionedConcurrency(store, resolver, settings, clock);
        this.eventInvokeConfigs = new EventInvokeConfigs(store, resolver, settings, clock);
        this.recursionConfigs = new RecursionConfigs(store, resolver);
        this.permissions = new Permissions(store, resolver);
        this.functionUrls = new FunctionUrlConfigs(store, resolver, clock);
    }

    /**
     * Brings the code store in line with the database after a crash (deleting packages nothing uses)
     * and resumes preparations that were interrupted. Call once at start-up, before serving requests.
     */
    public void recover() {
        code.sweep(new HashSet<>(store.read(tx -> tx.versions().referencedDigests())));
        deployer.resumeInterrupted();
    }

    public Functions functions() {
        return functions;
    }

    public FunctionUpdates updates() {
        return updates;
    }

    public Aliases aliases() {
        return aliases;
    }

    public Tags tags() {
        return tags;
    }

    public Account account() {
        return account;
    }

    public ProvisionedConcurrency provisionedConcurrency() {
        return provisionedConcurrency;
    }

    public RecursionConfigs recursionConfigs() {
        return recursionConfigs;
    }

    /** Functions' resource-based policies. */
    public Permissions permissions() {
        return permissions;
    }

    public EventInvokeConfigs eventInvokeConfigs() {
        return eventInvokeConfigs;
    }

    /** Function URLs' configurations (the front door that serves them is the gateway module's). */
    public FunctionUrlConfigs functionUrls() {
        return functionUrls;
    }
}
