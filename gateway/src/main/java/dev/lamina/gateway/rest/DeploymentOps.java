package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.store.Transaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateDeployment, GetDeployment(s), DeleteDeployment. A deployment is a snapshot of the API as it
 * was (its resources with their methods and integrations, its authorizers, its binaryMediaTypes):
 * stages serve snapshots, so a change to the API reaches callers only with the next deployment.
 */
final class DeploymentOps {
    private final Ops ops;
    private final StageOps stages;

    DeploymentOps(Ops ops, StageOps stages) {
        this.ops = ops;
        this.stages = stages;
    }

    JsonNode create(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        Optional<String> stageName = Input.text(in, "stageName").filter(s -> !s.isEmpty());
        stageName.ifPresent(StageOps::checkName);
        Map<String, String> variables = Input.map(in, "variables");
        StageOps.checkVariables(variables);
        ObjectNode d = Docs.JSON.createObjectNode();
        String id = Ids.next();
        d.put("id", id);
        Input.text(in, "description").ifPresent(v -> d.put("description", v));
        d.put("createdDate", ops.now());
        return ops.store().write(tx -> {
            ObjectNode api = Docs.api(tx, ops.account(), apiId);
            List<ObjectNode> resources = Docs.parts(tx, apiId, Docs.RESOURCE);
            check(resources);
            ObjectNode snapshot = d.putObject(Docs.SNAPSHOT);
            snapshot.set("binaryMediaTypes", api.has("binaryMediaTypes") ? api.get("binaryMediaTypes")
                    : Docs.JSON.createArrayNode());
            ArrayNode rs = snapshot.putArray("resources");
            resources.forEach(rs::add);
            ArrayNode as = snapshot.putArray("authorizers");
            Docs.parts(tx, apiId, Docs.AUTHORIZER).forEach(as::add);
            Instant now = Instant.ofEpochMilli(ops.clock().millis());
            Docs.putPart(tx, apiId, Docs.DEPLOYMENT, id, d, now);
            if (stageName.isPresent()) {
                stages.deploy(tx, apiId, stageName.get(), id, Input.text(in, "stageDescription"), variables);
            }
            return view(d);
        });
    }

    /** A deployment needs at least one method, and every method an integration. */
    private static void check(List<ObjectNode> resources) {
        boolean any = false;
        for (ObjectNode r : resources) {
            for (JsonNode m : r.path("resourceMethods")) {
                any = true;
                if (!m.has("methodIntegration")) {
                    throw Errors.badRequest("No integration defined for method");
                }
            }
        }
        if (!any) {
            throw Errors.badRequest("The REST API doesn't contain any methods");
        }
    }

    static ObjectNode view(ObjectNode deployment) {
        ObjectNode out = deployment.deepCopy();
        out.remove(Docs.SNAPSHOT);
        return out;
    }

    static ObjectNode find(Transaction tx, String apiId, String id) {
        return Docs.part(tx, apiId, Docs.DEPLOYMENT, id)
                .orElseThrow(() -> Errors.notFound("Invalid Deployment identifier specified"));
    }

    JsonNode get(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String id = Input.required(in, "deploymentId");
        return view(ops.store().read(tx -> {
            Docs.api(tx, ops.account(), apiId);
            return find(tx, apiId, id);
        }));
    }

    JsonNode list(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        int limit = Input.limit(in);
        List<ObjectNode> all = ops.store().read(tx -> {
            Docs.api(tx, ops.account(), apiId);
            return Docs.parts(tx, apiId, Docs.DEPLOYMENT);
        });
        Docs.Page<ObjectNode> page = Docs.page(all, d -> d.get("id").asText(), Input.text(in, "position"), limit);
        ObjectNode out = Docs.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        page.items().forEach(d -> items.add(view(d)));
        page.position().ifPresent(p -> out.put("position", p));
        return out;
    }

    JsonNode delete(ObjectNode in) {
        String apiId = Input.required(in, "restApiId");
        String id = Input.required(in, "deploymentId");
        ops.store().write(tx -> {
            Docs.api(tx, ops.account(), apiId);
            find(tx, apiId, id);
            for (ObjectNode s : Docs.parts(tx, apiId, Docs.STAGE)) {
                if (s.path("deploymentId").asText().equals(id)) {
                    throw Errors.badRequest("Active stages pointing to this deployment must be moved or deleted");
                }
            }
            tx.restApis().deletePart(apiId, Docs.DEPLOYMENT, id);
            return null;
        });
        return Docs.JSON.createObjectNode();
    }
}
