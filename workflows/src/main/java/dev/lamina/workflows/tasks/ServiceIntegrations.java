package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.WorkflowsContext;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.engine.Executions;

import java.util.function.Supplier;

/** The integrations Lamina runs: Lambda, SQS, EventBridge, nested Step Functions, and aws-sdk calls to hosted services. */
public final class ServiceIntegrations implements Integrations {
    private final WorkflowsContext context;
    private final Supplier<Executions> executions;

    /** @param executions the engine, for nested executions (late: the engine is built with this) */
    public ServiceIntegrations(WorkflowsContext context, Supplier<Executions> executions) {
        this.context = context;
        this.executions = executions;
    }

    @Override
    public JsonNode run(TaskCall call, TaskListener listener) throws StatesError {
        throw new StatesError("States.Runtime", "not built yet");
    }

    @Override
    public boolean supports(TaskResource resource) {
        return false;
    }
}
