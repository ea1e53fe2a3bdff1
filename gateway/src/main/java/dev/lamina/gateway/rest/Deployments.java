package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Store;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data plane's view of the store: which REST APIs exist and what each stage serves, read once
 * and kept until the store's next committed write (its generation), so a warm request reads nothing.
 */
final class Deployments {
    private final Store store;
    private volatile View view = new View(-1, Set.of(), new ConcurrentHashMap<>());

    private record View(long generation, Set<String> ids, Map<String, Optional<Deployed>> stages) {
    }

    Deployments(Store store) {
        this.store = store;
    }

    boolean owns(String apiId) {
        return current().ids().contains(apiId);
    }

    /** What the stage serves; empty when the API or the stage does not exist. */
    Optional<Deployed> stage(String apiId, String stage) {
        View v = current();
        if (!v.ids().contains(apiId)) {
            return Optional.empty();
        }
        return v.stages().computeIfAbsent(apiId + "/" + stage, k -> load(apiId, stage));
    }

    private Optional<Deployed> load(String apiId, String stage) {
        return store.read(tx -> {
            Optional<ObjectNode> s = Docs.part(tx, apiId, Docs.STAGE, stage);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            return Docs.part(tx, apiId, Docs.DEPLOYMENT, s.get().path("deploymentId").asText())
                    .map(d -> Deployed.of(apiId, s.get(), d));
        });
    }

    private View current() {
        View v = view;
        long generation = store.generation();
        if (v.generation() == generation) {
            return v;
        }
        // Read the generation before the ids: a write in between only makes the next call reload.
        Set<String> ids = Set.copyOf(store.read(tx -> tx.restApis().ids()));
        View fresh = new View(generation, ids, new ConcurrentHashMap<>());
        view = fresh;
        return fresh;
    }
}
