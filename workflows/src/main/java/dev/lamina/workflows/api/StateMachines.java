package dev.lamina.workflows.api;

import dev.lamina.model.ServiceException;
import dev.lamina.workflows.engine.MachineSnapshot;

/**
 * The state machines executions are started on, for StartExecution and for callers inside Lamina
 * (EventBridge's Step Functions targets, the nested {@code states:startExecution} integration).
 */
public interface StateMachines {
    /**
     * The machine a StartExecution ARN names, as it is now: an unqualified ARN names the machine's
     * current revision, {@code …:<n>} a published version, {@code …:<alias>} one of the alias's
     * versions, chosen by its routing weights.
     *
     * @throws ServiceException InvalidArn, StateMachineDoesNotExist
     */
    MachineSnapshot resolve(String stateMachineArn) throws ServiceException;
}
