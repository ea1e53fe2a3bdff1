package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.WorkflowsContext;
import dev.lamina.workflows.engine.Executions;

import java.util.Set;

/** Step Functions' operations: state machines, versions, aliases, activities, tags, and executions (through {@link Executions}). */
public final class StatesOperations implements StatesApi {
    private final WorkflowsContext context;
    private final Executions executions;

    public StatesOperations(WorkflowsContext context, Executions executions) {
        this.context = context;
        this.executions = executions;
    }

    @Override
    public Set<String> operations() {
        return Set.of();
    }

    @Override
    public String resource(String operation, ObjectNode input) {
        return "*";
    }

    @Override
    public JsonNode handle(String operation, ObjectNode input) throws ServiceException {
        throw StatesErrors.internal("not built yet: " + operation);
    }
}
