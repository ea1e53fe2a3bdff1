package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the front door serves: every HTTP API with its stages, each stage with the routes of the
 * deployment it points at. Rebuilt from the store when the store's generation has moved, so a
 * committed change (an auto-deployed route, a new stage) serves the very next request.
 */
final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    /** An API as served. */
    record LiveApi(String apiId, Optional<ObjectNode> cors, boolean executeApiDisabled, Map<String, LiveStage> stages) {
    }

    /** A stage as served: its variables and the routes of its deployment (none when nothing is deployed). */
    record LiveStage(String name, Map<String, String> variables, RouteTable<LiveRoute> routes) {
    }

    /** A route with its integration and authorizer, as deployed. */
    record LiveRoute(RouteKey key, ObjectNode route, Optional<ObjectNode> integration, Optional<ObjectNode> authorizer) {
    }

    private record Loaded(long generation, Map<String, LiveApi> apis) {
    }

    private final Store store;
    private volatile Loaded loaded = new Loaded(-1, Map.of());

    Catalog(Store store) {
        this.store = store;
    }

    Optional<LiveApi> api(String apiId) {
        return Optional.ofNullable(current().apis().get(apiId));
    }

    private Loaded current() {
        Loaded l = loaded;
        long generation = store.generation();
        if (l.generation() == generation) {
            return l;
        }
        synchronized (this) {
            l = loaded;
            if (l.generation() != generation) {
                l = new Loaded(generation, store.read(Catalog::load));
                loaded = l;
            }
            return l;
        }
    }

    private static Map<String, LiveApi> load(Transaction tx) {
        Map<String, LiveApi> apis = new HashMap<>();
        for (var stored : tx.httpApis().list()) {
            ObjectNode api = Docs.parse(stored.document());
            Map<String, LiveStage> stages = new LinkedHashMap<>();
            for (ObjectNode stage : Docs.parts(tx, stored.apiId(), Kind.STAGE)) {
                String name = stage.path("StageName").asText();
                Map<String, String> variables = new LinkedHashMap<>();
                stage.path("StageVariables").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
                RouteTable<LiveRoute> routes = new RouteTable<>();
                JsonNode deployment = stage.get("DeploymentId");
                if (deployment != null) {
                    Docs.part(tx, stored.apiId(), Kind.SNAPSHOT, deployment.asText()).ifPresent(s -> fill(routes, s));
                }
                stages.put(name, new LiveStage(name, variables, routes));
            }
            apis.put(stored.apiId(), new LiveApi(stored.apiId(), Cors.of(api),
                    api.path("DisableExecuteApiEndpoint").asBoolean(false), stages));
        }
        return apis;
    }

    private static void fill(RouteTable<LiveRoute> routes, ObjectNode snapshot) {
        for (JsonNode r : snapshot.path("Routes")) {
            ObjectNode route = (ObjectNode) r;
            RouteKey key;
            try {
                key = RouteKey.parse(route.path("RouteKey").asText());
            } catch (RuntimeException e) {
                LOG.warn("a deployed route has a key that no longer parses: {}", route.path("RouteKey").asText());
                continue;
            }
            String target = route.path("Target").asText("");
            Optional<ObjectNode> integration = target.startsWith("integrations/")
                    ? Optional.ofNullable((ObjectNode) snapshot.path("Integrations").get(target.substring(13)))
                    : Optional.empty();
            String type = route.path("AuthorizationType").asText("NONE");
            Optional<ObjectNode> authorizer = (type.equals("JWT") || type.equals("CUSTOM"))
                    ? Optional.ofNullable((ObjectNode) snapshot.path("Authorizers").get(route.path("AuthorizerId").asText()))
                    : Optional.empty();
            routes.add(key, new LiveRoute(key, route, integration, authorizer));
        }
    }
}
