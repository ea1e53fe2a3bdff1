package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;

import java.time.Instant;
import java.util.Optional;

/**
 * Deployments: a deployment freezes the API's routes, integrations and authorizers (its snapshot,
 * stored beside it) and a stage serves the snapshot of its DeploymentId. A stage with AutoDeploy
 * gets a new deployment after every change of the API, in the transaction of the change, as API
 * Gateway deploys it.
 */
final class Deployments {
    private Deployments() {
    }

    /** What a deployment serves: the API's routes, integrations (by id) and authorizers (by id). */
    static ObjectNode snapshot(Transaction tx, String apiId) {
        ObjectNode s = Docs.object();
        var routes = s.putArray("Routes");
        Docs.parts(tx, apiId, Kind.ROUTE).forEach(routes::add);
        ObjectNode integrations = s.putObject("Integrations");
        Docs.parts(tx, apiId, Kind.INTEGRATION).forEach(i -> integrations.set(i.path("IntegrationId").asText(), i));
        ObjectNode authorizers = s.putObject("Authorizers");
        Docs.parts(tx, apiId, Kind.AUTHORIZER).forEach(a -> authorizers.set(a.path("AuthorizerId").asText(), a));
        return s;
    }

    /** Creates a deployment of the API as it is now and, when a stage is named, points the stage at it. */
    static ObjectNode deploy(Transaction tx, String apiId, Optional<ObjectNode> stage, Optional<String> description,
                             boolean auto, Instant now) {
        String id = Ids.shortPart();
        ObjectNode d = Docs.object();
        d.put("AutoDeployed", auto);
        d.put("CreatedDate", Docs.iso(now));
        d.put("DeploymentId", id);
        d.put("DeploymentStatus", "DEPLOYED");
        description.ifPresent(v -> d.put("Description", v));
        Docs.putPart(tx, apiId, Kind.DEPLOYMENT, id, d, now);
        Docs.putPart(tx, apiId, Kind.SNAPSHOT, id, snapshot(tx, apiId), now);
        stage.ifPresent(s -> {
            s.put("DeploymentId", id);
            s.put("LastUpdatedDate", Docs.iso(now));
            if (auto) {
                s.put("LastDeploymentStatusMessage", "Successfully deployed stage with deployment ID '" + id + "'");
            }
            String name = s.path("StageName").asText();
            Instant created = tx.httpApis().findPart(apiId, Kind.STAGE, name).map(p -> p.created()).orElse(now);
            Docs.putPart(tx, apiId, Kind.STAGE, name, s, created);
        });
        return d;
    }

    /** Deploys the API to each of its stages with AutoDeploy, after a change. */
    static void autoDeploy(Transaction tx, String apiId, Instant now) {
        for (ObjectNode stage : Docs.parts(tx, apiId, Kind.STAGE)) {
            if (stage.path("AutoDeploy").asBoolean(false)) {
                deploy(tx, apiId, Optional.of(stage), Optional.empty(), true, now);
            }
        }
    }
}
