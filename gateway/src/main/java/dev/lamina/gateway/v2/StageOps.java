package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.httpapis.HttpApiPart.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** CreateStage, GetStage, GetStages, UpdateStage, DeleteStage. */
final class StageOps {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]{0,2048}");

    private final GatewayContext context;

    StageOps(GatewayContext context) {
        this.context = context;
    }

    /** A stage as CreateStage makes it before the input's members apply. */
    static ObjectNode newStage(String name, Instant now) {
        ObjectNode s = Docs.object();
        s.put("AutoDeploy", false);
        s.put("CreatedDate", Docs.iso(now));
        s.putObject("DefaultRouteSettings").put("DetailedMetricsEnabled", false);
        s.put("LastUpdatedDate", Docs.iso(now));
        s.putObject("RouteSettings");
        s.put("StageName", name);
        s.putObject("StageVariables");
        s.putObject("Tags");
        return s;
    }

    ObjectNode create(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String name = Fields.required(in, "StageName");
        if (!name.equals(RouteKey.DEFAULT) && !NAME.matcher(name).matches()) {
            throw Errors.badRequest("Invalid stage name: " + name + ". A stage name is $default, or 1 to 128 letters,"
                    + " digits, hyphens and underscores");
        }
        Changes changes = Changes.of(in);
        Map<String, String> tags = Fields.stringMap(in, "Tags").orElse(Map.of());
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            Docs.api(tx, account(), apiId);
            if (tx.httpApis().findPart(apiId, Kind.STAGE, name).isPresent()) {
                throw Errors.conflict("Stage " + name + " already exists");
            }
            ObjectNode stage = newStage(name, now);
            stage.set("Tags", Docs.map(tags));
            changes.apply(tx, apiId, stage, this);
            Docs.putPart(tx, apiId, Kind.STAGE, name, stage, now);
            if (stage.get("AutoDeploy").asBoolean()) {
                Deployments.deploy(tx, apiId, Optional.of(stage), Optional.empty(), true, now);
            }
            return stage;
        }));
    }

    ObjectNode get(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String name = Fields.required(in, "StageName");
        return Docs.output(context.store().read(tx -> find(tx, apiId, name)));
    }

    ObjectNode list(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        List<ObjectNode> all = context.store().read(tx -> {
            Docs.api(tx, account(), apiId);
            return Docs.parts(tx, apiId, Kind.STAGE);
        });
        return Docs.page(all, Fields.string(in, "MaxResults"), Fields.string(in, "NextToken"));
    }

    ObjectNode update(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String name = Fields.required(in, "StageName");
        Changes changes = Changes.of(in);
        Instant now = context.clock().instant();
        return Docs.output(context.store().write(tx -> {
            ObjectNode stage = find(tx, apiId, name);
            boolean wasAuto = stage.path("AutoDeploy").asBoolean(false);
            changes.apply(tx, apiId, stage, this);
            stage.put("LastUpdatedDate", Docs.iso(now));
            Instant created = tx.httpApis().findPart(apiId, Kind.STAGE, name).orElseThrow().created();
            Docs.putPart(tx, apiId, Kind.STAGE, name, stage, created);
            if (!wasAuto && stage.get("AutoDeploy").asBoolean()) {
                Deployments.deploy(tx, apiId, Optional.of(stage), Optional.empty(), true, now);
            }
            return stage;
        }));
    }

    void delete(ObjectNode in) {
        String apiId = Fields.required(in, "ApiId");
        String name = Fields.required(in, "StageName");
        context.store().write(tx -> {
            find(tx, apiId, name);
            tx.httpApis().deletePart(apiId, Kind.STAGE, name);
            return null;
        });
    }

    ObjectNode find(Transaction tx, String apiId, String name) {
        Docs.api(tx, account(), apiId);
        return Docs.part(tx, apiId, Kind.STAGE, name).orElseThrow(
                () -> Errors.notFound("Invalid stage identifier specified"));
    }

    private String account() {
        return context.settings().account().toString();
    }

    /** The members CreateStage and UpdateStage set, checked before any transaction. */
    private record Changes(Optional<Boolean> autoDeploy, Optional<String> deploymentId, Optional<String> description,
                           Optional<Map<String, String>> variables) {
        static Changes of(ObjectNode in) {
            Optional<Map<String, String>> variables = Fields.stringMap(in, "StageVariables");
            variables.ifPresent(vs -> vs.forEach((k, v) -> {
                if (!VARIABLE_NAME.matcher(k).matches() || !VARIABLE_VALUE.matcher(v).matches()) {
                    throw Errors.badRequest("Invalid stage variable " + k + "=" + v + ": names are letters, digits"
                            + " and underscores; values are letters, digits and -._~:/?#&=,");
                }
            }));
            if (Fields.object(in, "AccessLogSettings").isPresent()) {
                throw Errors.badRequest("Access logging (AccessLogSettings) is not supported by Lamina");
            }
            return new Changes(Fields.bool(in, "AutoDeploy"), Fields.string(in, "DeploymentId"),
                    Fields.string(in, "Description", 0, 1024), variables);
        }

        void apply(Transaction tx, String apiId, ObjectNode stage, StageOps ops) {
            autoDeploy.ifPresent(v -> stage.put("AutoDeploy", v));
            deploymentId.ifPresent(id -> {
                if (tx.httpApis().findPart(apiId, Kind.DEPLOYMENT, id).isEmpty()) {
                    throw Errors.notFound("Invalid Deployment identifier specified " + ops.account() + ":" + id);
                }
                stage.put("DeploymentId", id);
            });
            description.ifPresent(v -> stage.put("Description", v));
            variables.ifPresent(v -> stage.set("StageVariables", Docs.map(v)));
        }
    }
}
