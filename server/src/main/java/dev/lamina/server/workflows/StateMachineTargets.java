package dev.lamina.server.workflows;

import dev.lamina.eventbridge.delivery.StateMachineStarter;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.Workflows;
import dev.lamina.workflows.engine.MachineSnapshot;
import dev.lamina.workflows.engine.StartRequest;

import java.util.Optional;

/**
 * EventBridge's Step Functions targets, started through Step Functions' Java side: the target's ARN
 * is resolved as StartExecution resolves it (machine, version, or alias by its weights) and the
 * execution is started with the delivery's body as its input.
 */
public final class StateMachineTargets {
    private StateMachineTargets() {
    }

    public static StateMachineStarter of(Workflows workflows) {
        return new StateMachineStarter() {
            @Override
            public boolean exists(String stateMachineArn) {
                try {
                    workflows.machines().resolve(stateMachineArn);
                    return true;
                } catch (ServiceException e) {
                    return false;
                }
            }

            @Override
            public void start(String stateMachineArn, String executionName, String input) {
                MachineSnapshot machine = workflows.machines().resolve(stateMachineArn);
                workflows.executions().start(new StartRequest(machine, executionName, input, Optional.empty(),
                        Optional.empty()));
            }
        };
    }
}
