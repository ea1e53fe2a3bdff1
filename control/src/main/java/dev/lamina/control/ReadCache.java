package dev.lamina.control;

import dev.lamina.store.Store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What was derived from the store, per key, served only while no write has committed since it was
 * read ({@link Store#generation()}). For the authorization path, which asks the same questions on
 * every request: a change (a deleted key, a new Deny) applies from the next request on.
 */
public final class ReadCache<K, V> {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(long generation, V value) {
    }

    private final Store store;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public ReadCache(Store store) {
        this.store = store;
    }

    /** @param load reads the value; called again after any write */
    public V get(K key, Function<K, V> load) {
        long generation = store.generation();
        Entry<V> e = entries.get(key);
        if (e != null && e.generation() == generation) {
            return e.value();
        }
        // Tagged with the generation read before loading: a write that commits meanwhile makes it stale at once.
        V value = load.apply(key);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry<>(generation, value));
        return value;
    }
}
