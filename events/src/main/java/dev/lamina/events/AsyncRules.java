package dev.lamina.events;

import dev.lamina.model.EventInvokeConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;
import dev.lamina.model.RecursiveLoop;
import dev.lamina.store.Store;

import java.util.Optional;
import java.util.OptionalInt;

/** What the store says about an event's function: its options, its dead-letter queue, whether it may run at all. */
final class AsyncRules {
    private final Store store;

    AsyncRules(Store store) {
        this.store = store;
    }

    /**
     * The options for an event invoked as {@code invoked}: the configuration of that qualifier (the
     * alias, the version), else the function's own ($LATEST's), else Lambda's defaults.
     */
    EventInvokeConfig options(FunctionName function, Optional<Qualifier> invoked) {
        Qualifier q = invoked.orElse(Qualifier.LATEST);
        return store.read(tx -> tx.eventInvokeConfigs().find(function, q)
                .or(() -> tx.eventInvokeConfigs().find(function, Qualifier.LATEST))
                .orElse(EventInvokeConfig.defaults(function, q)));
    }

    /** The DeadLetterConfig of the version that ran (or would have run) the event. */
    Optional<String> deadLetterQueue(FunctionName function, String executedVersion) {
        return store.read(tx -> tx.versions().find(function, Qualifier.parse(executedVersion))
                .flatMap(v -> v.deployed().map(FunctionVersion.Deployed::config).orElse(v.config())
                        .deadLetterTargetArn()));
    }

    /** Whether PutFunctionRecursionConfig allowed {@code function} to run in recursive loops. */
    boolean loopsAllowed(FunctionName function) {
        return store.read(tx -> tx.functions().find(function)
                .map(f -> f.recursiveLoop() == RecursiveLoop.ALLOW).orElse(false));
    }

    /** Whether the function's reserved concurrency is zero: its events can never run. */
    boolean disabled(FunctionName function) {
        return store.read(tx -> tx.functions().find(function)
                .map(f -> f.reservedConcurrency().equals(OptionalInt.of(0))).orElse(false));
    }
}
