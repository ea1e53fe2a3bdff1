package dev.lamina.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.restapis.RestApiPart;
import dev.lamina.store.gateway.restapis.StoredRestApi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A REST API's documents in the store, read and written inside the caller's transaction. Each
 * document is the model's output shape of its part (RestApi, Resource with its methods, Authorizer,
 * Stage, Deployment), so reading one answers the Get operation; a deployment also keeps the
 * {@link #SNAPSHOT} it serves, which is never shown.
 */
final class Docs {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RESOURCE = "resource";
    static final String AUTHORIZER = "authorizer";
    static final String DEPLOYMENT = "deployment";
    static final String STAGE = "stage";
    static final String SNAPSHOT = "snapshot";

    private Docs() {
    }

    static ObjectNode read(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored REST API document is not JSON", e);
        }
    }

    static String write(JsonNode node) {
        return node.toString();
    }

    /** The API, or API Gateway's NotFoundException, which names the caller's account. */
    static ObjectNode api(Transaction tx, String account, String apiId) {
        return findApi(tx, apiId).orElseThrow(() -> Errors.notFound("Invalid API identifier specified "
                + account + ":" + apiId));
    }

    static Optional<ObjectNode> findApi(Transaction tx, String apiId) {
        if (!Ids.plausible(apiId)) {
            return Optional.empty();
        }
        return tx.restApis().find(apiId).map(a -> read(a.document()));
    }

    /** Inserts the API, or replaces its document (an existing API keeps its creation time). */
    static void putApi(Transaction tx, ObjectNode api, Instant created) {
        tx.restApis().put(new StoredRestApi(api.get("id").asText(), created, write(api)));
    }

    static Optional<ObjectNode> part(Transaction tx, String apiId, String kind, String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return Optional.empty();
        }
        return tx.restApis().part(apiId, kind, id).map(p -> read(p.document()));
    }

    static List<ObjectNode> parts(Transaction tx, String apiId, String kind) {
        List<ObjectNode> out = new ArrayList<>();
        for (RestApiPart p : tx.restApis().parts(apiId, kind)) {
            out.add(read(p.document()));
        }
        return out;
    }

    /** Inserts the part, or replaces its document (an existing part keeps its creation time, whatever {@code created} says). */
    static void putPart(Transaction tx, String apiId, String kind, String id, ObjectNode doc, Instant created) {
        tx.restApis().putPart(new RestApiPart(apiId, kind, id, created, write(doc)));
    }

    static ObjectNode resource(Transaction tx, String apiId, String resourceId) {
        return part(tx, apiId, RESOURCE, resourceId)
                .orElseThrow(() -> Errors.notFound("Invalid Resource identifier specified"));
    }

    /** A page of {@code items} after the {@code position} token (the last id of the page before). */
    static <T> Page<T> page(List<T> items, java.util.function.Function<T, String> id, Optional<String> position,
                            int limit) {
        int start = 0;
        if (position.isPresent()) {
            start = items.size();
            for (int i = 0; i < items.size(); i++) {
                if (id.apply(items.get(i)).equals(position.get())) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(items.size(), start + limit);
        List<T> page = items.subList(Math.min(start, end), end);
        Optional<String> next = end < items.size() && !page.isEmpty() ? Optional.of(id.apply(page.getLast()))
                : Optional.empty();
        return new Page<>(page, next);
    }

    record Page<T>(List<T> items, Optional<String> position) {
    }
}
