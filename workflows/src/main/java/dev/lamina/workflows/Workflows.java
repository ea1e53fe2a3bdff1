package dev.lamina.workflows;

import dev.lamina.workflows.api.StatesApi;
import dev.lamina.workflows.api.StatesOperations;
import dev.lamina.workflows.engine.Engine;
import dev.lamina.workflows.engine.ExecutionJournal;
import dev.lamina.workflows.engine.Executions;
import dev.lamina.workflows.journal.SqliteJournal;
import dev.lamina.workflows.tasks.ServiceIntegrations;
import dev.lamina.workflows.tasks.StatesCalls;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Step Functions, wired: the journal of executions, the engine that runs them, the integrations
 * their Task states call, and the API. Built once by the composition root after Lambda's execution
 * side, SQS and EventBridge (which its tasks call), and closed before them.
 */
public final class Workflows implements AutoCloseable {
    private final Engine engine;
    private final StatesOperations api;

    private Workflows(WorkflowsContext context) {
        ExecutionJournal journal = SqliteJournal.open(context.journal(), context.clock());
        AtomicReference<Executions> late = new AtomicReference<>();
        AtomicReference<StatesApi> lateApi = new AtomicReference<>();
        StatesCalls states = (operation, input) -> lateApi.get().handle(operation, input);
        this.engine = new Engine(context, journal, new ServiceIntegrations(context, late::get, () -> states));
        late.set(engine);
        this.api = new StatesOperations(context, engine);
        lateApi.set(api);
    }

    /** Opens the journal and resumes the executions that were running. */
    public static Workflows open(WorkflowsContext context) {
        Workflows workflows = new Workflows(context);
        workflows.engine.start();
        return workflows;
    }

    /** Step Functions' API ({@code AWSStepFunctions.*}, JSON 1.0). */
    public StatesApi api() {
        return api;
    }

    /** The state machines executions start on (by machine, version or alias ARN), for EventBridge's Step Functions targets. */
    public dev.lamina.workflows.api.StateMachines machines() {
        return api.machines();
    }

    /** The executions, for EventBridge's Step Functions targets. */
    public Executions executions() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
