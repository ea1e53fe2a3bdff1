package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment. */
final class DeploymentOps {
    private final GatewayContext context;

    DeploymentOps(GatewayContext context) {
        this.context = context;
    }

    ObjectNode create(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        Optional<String> stageName = Fields.string(in, "StageName", 1, 128);
        Optional<String> description = Fields.string(in, "Description", 0, 1024);
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            Docs.api(tx, account(), apiId);
            Optional<ObjectNode> stage = stageName.map(s -> Docs.part(tx, apiId, Kind.STAGE, s)
                    .orElseThrow(() -> Errors.notFound("Invalid stage identifier specified")));
            if (tx.httpApis().parts(apiId, Kind.ROUTE).isEmpty()) {
                throw Errors.badRequest("Unable to deploy API because no routes exist in this API");
            }
            return Deployments.deploy(tx, apiId, stage, description, false, now);
        }));
    }

    ObjectNode get(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "DeploymentId");
        return Docs.output(context.store().read(tx -> find(tx, apiId, id)));
    }

    ObjectNode list(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        List<ObjectNode> all = context.store().read(tx -> {
            Docs.api(tx, account(), apiId);
            return Docs.parts(tx, apiId, Kind.DEPLOYMENT);
        });
        return Docs.page(all, Fields.string(in, "MaxResults"), Fields.string(in, "NextToken"));
    }

    ObjectNode update(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "DeploymentId");
        Optional<String> description = Fields.string(in, "Description", 0, 1024);
        return Docs.output(context.store().write(tx -> {
            ObjectNode d = find(tx, apiId, id);
            description.ifPresent(v -> d.put("Description", v));
            Instant created = tx.httpApis().findPart(apiId, Kind.DEPLOYMENT, id).orElseThrow().created();
            Docs.putPart(tx, apiId, Kind.DEPLOYMENT, id, d, created);
            return d;
        }));
    }

    void delete(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String id = Fields.required(in, "DeploymentId");
        context.store().write(tx -> {
            find(tx, apiId, id);
            for (ObjectNode stage : Docs.parts(tx, apiId, Kind.STAGE)) {
                if (stage.path("DeploymentId").asText().equals(id)) {
                    throw Errors.badRequest("Deployment " + id + " is in use by stage " + stage.path("StageName")
                            .asText() + " and cannot be deleted");
                }
            }
            tx.httpApis().deletePart(apiId, Kind.DEPLOYMENT, id);
            tx.httpApis().deletePart(apiId, Kind.SNAPSHOT, id);
            return null;
        });
    }

    private ObjectNode find(Transaction tx, String apiId, String id) {
        Docs.api(tx, account(), apiId);
        return Docs.part(tx, apiId, Kind.DEPLOYMENT, id).orElseThrow(
                () -> Errors.notFound("Invalid Deployment identifier specified " + account() + ":" + id));
    }

    private String account() {
        return context.settings().account().toString();
    }
}
