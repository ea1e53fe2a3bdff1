package dev.lamina.control;

import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.RecursiveLoop;
import dev.lamina.store.Store;

/** Get/PutFunctionRecursionConfig: whether a function in a recursive loop is stopped. */
public final class RecursionConfigs {
    private final Store store;
    private final Resolver resolver;

    RecursionConfigs(Store store, Resolver resolver) {
        this.store = store;
        this.resolver = resolver;
    }

    public RecursiveLoop get(FunctionName function) {
        return store.read(tx -> resolver.function(tx, function).recursiveLoop());
    }

    public RecursiveLoop put(FunctionName function, RecursiveLoop value) {
        return store.write(tx -> {
            FunctionRecord f = resolver.function(tx, function);
            tx.functions().update(f.withRecursiveLoop(value));
            return value;
        });
    }
}
