package dev.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The apigateway operations Lamina answers, by the model's operation name. */
final class RestControl {
    private final Map<String, Function<ObjectNode, JsonNode>> operations = new LinkedHashMap<>();

    RestControl(Ops ops) {
        RestApiOps apis = new RestApiOps(ops);
        ResourceOps resources = new ResourceOps(ops);
        MethodOps methods = new MethodOps(ops);
        IntegrationOps integrations = new IntegrationOps(ops);
        StageOps stages = new StageOps(ops);
        DeploymentOps deployments = new DeploymentOps(ops, stages);
        AuthorizerOps authorizers = new AuthorizerOps(ops);
        operations.put("CreateRestApi", apis::create);
        operations.put("GetRestApi", apis::get);
        operations.put("GetRestApis", apis::list);
        operations.put("UpdateRestApi", apis::update);
        operations.put("DeleteRestApi", apis::delete);
        operations.put("GetResources", resources::list);
        operations.put("GetResource", resources::get);
        operations.put("CreateResource", resources::create);
        operations.put("DeleteResource", resources::delete);
        operations.put("PutMethod", methods::put);
        operations.put("GetMethod", methods::get);
        operations.put("DeleteMethod", methods::delete);
        operations.put("PutMethodResponse", methods::putResponse);
        operations.put("GetMethodResponse", methods::getResponse);
        operations.put("DeleteMethodResponse", methods::deleteResponse);
        operations.put("PutIntegration", integrations::put);
        operations.put("GetIntegration", integrations::get);
        operations.put("DeleteIntegration", integrations::delete);
        operations.put("PutIntegrationResponse", integrations::putResponse);
        operations.put("GetIntegrationResponse", integrations::getResponse);
        operations.put("DeleteIntegrationResponse", integrations::deleteResponse);
        operations.put("CreateDeployment", deployments::create);
        operations.put("GetDeployment", deployments::get);
        operations.put("GetDeployments", deployments::list);
        operations.put("DeleteDeployment", deployments::delete);
        operations.put("CreateStage", stages::create);
        operations.put("GetStage", stages::get);
        operations.put("GetStages", stages::list);
        operations.put("UpdateStage", stages::update);
        operations.put("DeleteStage", stages::delete);
        operations.put("CreateAuthorizer", authorizers::create);
        operations.put("GetAuthorizer", authorizers::get);
        operations.put("GetAuthorizers", authorizers::list);
        operations.put("UpdateAuthorizer", authorizers::update);
        operations.put("DeleteAuthorizer", authorizers::delete);
        operations.put("ImportRestApi", new ImportOps(ops, this)::importApi);
    }

    Set<String> names() {
        return operations.keySet();
    }

    JsonNode handle(String operation, ObjectNode input) {
        Function<ObjectNode, JsonNode> op = operations.get(operation);
        if (op == null) {
            throw Errors.badRequest("Lamina does not implement " + operation);
        }
        return op.apply(input);
    }
}
