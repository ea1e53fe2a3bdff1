package dev.lamina.server;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value derived from the store, loaded again only when the store's generation has changed since
 * it was loaded (see {@code Store.generation()}), so that a caller asking often, such as an
 * unsigned {@code /metrics} scrape, does not read the store each time.
 */
final class ByGeneration<T> {
    private final LongSupplier generation;
    private final Supplier<T> load;
    private boolean loaded;
    private long loadedAt;
    private T value;

    ByGeneration(LongSupplier generation, Supplier<T> load) {
        this.generation = generation;
        this.load = load;
    }

    /** The value as of the current generation or later; loads it when a write was committed since. */
    synchronized T get() {
        // Read before loading: a write committed during the load makes the next call load again.
        long now = generation.getAsLong();
        if (!loaded || now != loadedAt) {
            value = load.get();
            loadedAt = now;
            loaded = true;
        }
        return value;
    }
}
