package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.GatewayContext;

import java.util.Set;

/** The control plane's operations by name, as {@link HttpApis#handle} runs them. */
final class Control {
    static final Set<String> OPERATIONS = Set.of(
            "CreateApi", "GetApi", "GetApis", "UpdateApi", "DeleteApi", "DeleteCorsConfiguration",
            "CreateRoute", "GetRoute", "GetRoutes", "UpdateRoute", "DeleteRoute",
            "CreateIntegration", "GetIntegration", "GetIntegrations", "UpdateIntegration", "DeleteIntegration",
            "CreateStage", "GetStage", "GetStages", "UpdateStage", "DeleteStage",
            "CreateDeployment", "GetDeployment", "GetDeployments", "UpdateDeployment", "DeleteDeployment",
            "CreateAuthorizer", "GetAuthorizer", "GetAuthorizers", "UpdateAuthorizer", "DeleteAuthorizer",
            "TagResource", "UntagResource", "GetTags");

    private final ApiOps apis;
    private final RouteOps routes;
    private final IntegrationOps integrations;
    private final StageOps stages;
    private final DeploymentOps deployments;
    private final AuthorizerOps authorizers;
    private final TagOps tags;

    Control(GatewayContext context) {
        this.apis = new ApiOps(context);
        this.routes = new RouteOps(context);
        this.integrations = new IntegrationOps(context);
        this.stages = new StageOps(context);
        this.deployments = new DeploymentOps(context);
        this.authorizers = new AuthorizerOps(context);
        this.tags = new TagOps(context);
    }

    /** Runs one operation; the output of a Delete is an empty structure (the codec answers 204). */
    JsonNode handle(String operation, ObjectNode in, String endpoint) {
        return switch (operation) {
            case "CreateApi" -> apis.create(in, endpoint);
            case "GetApi" -> apis.get(in, endpoint);
            case "GetApis" -> apis.list(in, endpoint);
            case "UpdateApi" -> apis.update(in, endpoint);
            case "DeleteApi" -> done(() -> apis.delete(in));
            case "DeleteCorsConfiguration" -> done(() -> apis.deleteCors(in));
            case "CreateRoute" -> routes.create(in);
            case "GetRoute" -> routes.get(in);
            case "GetRoutes" -> routes.list(in);
            case "UpdateRoute" -> routes.update(in);
            case "DeleteRoute" -> done(() -> routes.delete(in));
            case "CreateIntegration" -> integrations.create(in);
            case "GetIntegration" -> integrations.get(in);
            case "GetIntegrations" -> integrations.list(in);
            case "UpdateIntegration" -> integrations.update(in);
            case "DeleteIntegration" -> done(() -> integrations.delete(in));
            case "CreateStage" -> stages.create(in);
            case "GetStage" -> stages.get(in);
            case "GetStages" -> stages.list(in);
            case "UpdateStage" -> stages.update(in);
            case "DeleteStage" -> done(() -> stages.delete(in));
            case "CreateDeployment" -> deployments.create(in);
            case "GetDeployment" -> deployments.get(in);
            case "GetDeployments" -> deployments.list(in);
            case "UpdateDeployment" -> deployments.update(in);
            case "DeleteDeployment" -> done(() -> deployments.delete(in));
            case "CreateAuthorizer" -> authorizers.create(in);
            case "GetAuthorizer" -> authorizers.get(in);
            case "GetAuthorizers" -> authorizers.list(in);
            case "UpdateAuthorizer" -> authorizers.update(in);
            case "DeleteAuthorizer" -> done(() -> authorizers.delete(in));
            case "TagResource" -> tags.tag(in);
            case "UntagResource" -> done(() -> tags.untag(in));
            case "GetTags" -> tags.get(in);
            default -> throw Errors.notFound("Lamina does not support the operation " + operation + " of HTTP APIs");
        };
    }

    private static JsonNode done(Runnable r) {
        r.run();
        return Docs.object();
    }
}
