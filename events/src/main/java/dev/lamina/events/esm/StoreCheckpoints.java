package dev.lamina.events.esm;

import dev.lamina.store.Store;

import java.util.Map;
import java.util.Optional;

/**
 * A mapping's checkpoints in the store. Written without growing the store's generation (nothing
 * caches them), so a stream poller's frequent checkpoints never throw away the invoke path's caches.
 */
record StoreCheckpoints(Store store, String uuid) implements Checkpoints {

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(all().get(key));
    }

    @Override
    public Map<String, String> all() {
        return store.read(tx -> tx.mappings().checkpoints(uuid));
    }

    @Override
    public void put(String key, String value) {
        store.writeUnversioned(tx -> {
            tx.mappings().putCheckpoint(uuid, key, value);
            return null;
        });
    }
}
